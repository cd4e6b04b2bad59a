using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class MergeCommand
{
    public static Command Create()
    {
        var command = new Command("merge", "Merge shard run directories into one run directory.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "merge")));
        return command;
    }
}
