using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class CollectCommand
{
    public static Command Create()
    {
        var command = new Command("collect", "Pull the endpoint's CloudWatch metrics for a run directory into metrics.json.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "collect")));
        return command;
    }
}
