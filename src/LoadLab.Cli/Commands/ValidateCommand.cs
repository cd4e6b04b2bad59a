using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check scenario files and exit (2 when any problem is found).");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "validate")));
        return command;
    }
}
