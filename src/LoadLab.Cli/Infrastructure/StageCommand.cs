using System.CommandLine;
using LoadLab.Cli.Pipeline;

namespace LoadLab.Cli.Infrastructure;

/// <summary>The stage runner a stage command uses: its own output, the AWS options as given, the system clock.</summary>
public static class StageCommand
{
    public static StageRunner Runner(ParseResult parse) =>
        new(new RunStageServices(GlobalOptions.Read(parse), TimeProvider.System), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
}
