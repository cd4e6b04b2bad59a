using LoadLab.Engine.Running;

namespace LoadLab.Engine.Tests;

/// <summary>The engine reports progress through its port (IRunProgress) and knows no console library.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void The_engine_does_not_reference_a_console_library()
    {
        var references = typeof(LoadRunner).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Spectre.Console", references);
        Assert.Contains("HdrHistogram", references); // the list is real: the engine's own dependency is in it
    }
}
