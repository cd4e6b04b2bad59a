using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Run a scenario against an endpoint with a live policy and check the SLO held while it scaled.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "verify")));
        return command;
    }
}
