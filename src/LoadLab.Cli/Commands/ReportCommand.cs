using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Write report.html and summary.md for a run directory.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "report")));
        return command;
    }
}
