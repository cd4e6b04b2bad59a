namespace LoadLab.Cli.Tests;

/// <summary>Tests that change the process environment (the demo points AWS_* at its local stack) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}

/// <summary>
/// Tests that only start child processes which build the Release CLI (run.sh, run.ps1, dotnet pack): they leave this
/// process's environment alone, so they run beside the serial collection above, but one at a time among themselves,
/// since they share src/LoadLab.Cli's Release build output.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildBuilds
{
    public const string Name = "child builds";
}
