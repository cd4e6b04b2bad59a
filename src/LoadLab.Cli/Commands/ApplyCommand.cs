using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class ApplyCommand
{
    public static Command Create()
    {
        var command = new Command("apply", "Plan, and with --yes apply, a recommended scaling policy (or --rollback).");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "apply")));
        return command;
    }
}
