using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Drive the load of a scenario, then collect, analyze, simulate and report.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "run")));
        return command;
    }
}
