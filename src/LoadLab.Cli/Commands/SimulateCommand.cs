using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "Replay traffic through a model of Application Auto Scaling for candidate policies.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "simulate")));
        return command;
    }
}
