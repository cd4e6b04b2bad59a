namespace LoadLab.Cli.Tests;

/// <summary>Tests that change the process environment (the demo points AWS_* at its local stack) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}
