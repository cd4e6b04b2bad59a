namespace LoadLab.TestSupport;

/// <summary>
/// The trait of tests that run the sim endpoint on a compressed clock (<c>--time-scale</c>): at x20 one real second is
/// a third of an emulated minute, so a CPU stall caused by other tests running beside them turns into a burst of
/// invocations or a latency violation in one emulated minute. <c>run.sh test</c> runs everything else first, then these
/// alone, one project at a time; inside their assembly their collections disable parallelization.
/// Usage: <c>[Trait(CompressedClock.Trait, CompressedClock.Value)]</c>.
/// </summary>
public static class CompressedClock
{
    public const string Trait = "Clock";
    public const string Value = "compressed";
}
