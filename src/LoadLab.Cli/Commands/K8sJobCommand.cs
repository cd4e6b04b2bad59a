using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class K8sJobCommand
{
    public static Command Create()
    {
        var command = new Command("k8s-job", "Write (and with --apply submit) a Kubernetes Indexed Job that runs a scenario as N shards.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "k8s-job")));
        return command;
    }
}
