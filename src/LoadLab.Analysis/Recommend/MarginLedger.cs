using LoadLab.Core.RunFiles;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// The cuts between the measured sustainable IPI and the target, each with the cause that justifies it, so that every
/// margin is taken once and the total is shown (recommendation.json's basis and rationale).
/// </summary>
public sealed class MarginLedger(double measured)
{
    private readonly List<TargetMargin> _items = [];

    public double Measured { get; } = measured;
    /// <summary>The value after every cut so far.</summary>
    public double Value { get; private set; } = measured;
    public IReadOnlyList<TargetMargin> Items => _items;

    /// <summary>Takes <paramref name="fraction"/> off the current value; a cut of nothing is not recorded.</summary>
    public void Cut(double fraction, string cause)
    {
        if (!(fraction > 0)) return;
        if (fraction >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a margin takes less than the whole value");
        _items.Add(new TargetMargin(cause, Math.Round(fraction, 4)));
        Value *= 1 - fraction;
    }

    /// <summary>One sentence: the total margin from the measured value to <paramref name="target"/>, and each cut.</summary>
    public string Summary(double target) => _items.Count == 0
        ? F("The target {0:0.#} is the measured sustainable IPI itself: no margin was taken.", target)
        : F("Total margin: the target {0:0.#} is {1:0.#%} below the measured {2:0.#} IPI, from {3} cut(s), each taken once: {4}.",
            target, 1 - target / Measured, Measured, _items.Count, string.Join("; ", _items.Select(m => F("{0:0.#%} for {1}", m.Fraction, m.Cause))));
}
