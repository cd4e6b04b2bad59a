namespace LoadLab.Core.Scenarios;

/// <summary>
/// The intended load of a <see cref="LoadSpec"/> as a pure function of the time offset from the start of the run:
/// requests/s in the open model, virtual users in the closed model. Phases run back to back in file order.
/// <para>Shapes, exactly (t is the offset inside the phase, D its duration):</para>
/// <list type="bullet">
/// <item><c>constant</c>, <c>poisson</c>: <c>rate</c> for D (poisson's randomness lives in the engine's schedule; here it is the mean).</item>
/// <item><c>pause</c>: 0 for D.</item>
/// <item><c>ramp</c>: linear from <c>from</c> at t=0 to <c>to</c> at t=D.</item>
/// <item><c>steps</c>: levels from, from+step, ... while not past <c>to</c>; when (to-from) is not a multiple of step,
/// <c>to</c> itself is appended as the last level. Each level is held for <c>hold</c>; the first <c>warmup</c> of it is
/// the warm-up that analysis excludes. D = levels × hold.</item>
/// <item><c>spike</c>: with P = peakDuration (default D/5) and q = (D−P)/4: base for q, linear rise to peak over q, peak
/// for P (so the peak is centred), linear fall back to base over q, base for the last q.</item>
/// <item><c>sine</c>: mean + amplitude·sin(2πt/period).</item>
/// <item><c>replay</c>: after skip/take, row i (interval Δ = 1 min or 1 s) lasts Δ/speedup and its rate is
/// countᵢ·scale·speedup/Δ: speedup compresses time without dropping requests, so the expected total is scale·Σcounts.</item>
/// </list>
/// Expected counts are exact integrals of the rate (closed forms per piece, no numeric quadrature).
/// </summary>
public sealed class RateProfile
{
    private readonly Piece[] _pieces;
    private readonly double[] _cumulativeAtStart; // expected count before each piece

    private RateProfile(LoadModel model, Piece[] pieces, IReadOnlyList<ProfilePhase> phases, IReadOnlyList<ProfileStep> steps)
    {
        Model = model;
        _pieces = pieces;
        Phases = phases;
        Steps = steps;
        _cumulativeAtStart = new double[pieces.Length + 1];
        for (var i = 0; i < pieces.Length; i++)
            _cumulativeAtStart[i + 1] = _cumulativeAtStart[i] + pieces[i].Integral(pieces[i].Start, pieces[i].End);
        DurationSeconds = phases.Count == 0 ? 0 : phases[^1].EndSeconds;
        MaxRate = pieces.Length == 0 ? 0 : pieces.Max(p => p.Max);
    }

    public LoadModel Model { get; }
    /// <summary>Sum of every phase's duration.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
    public double DurationSeconds { get; }
    /// <summary>Highest rate (or user count) anywhere in the profile (for sine phases: mean + |amplitude|).</summary>
    public double MaxRate { get; }
    /// <summary>One entry per phase, in order, with its start and end offsets.</summary>
    public IReadOnlyList<ProfilePhase> Phases { get; }
    /// <summary>One entry per level of every <c>steps</c> phase, numbered across the whole run.</summary>
    public IReadOnlyList<ProfileStep> Steps { get; }
    /// <summary>Expected number of requests over the whole run (open model), or user-seconds (closed model).</summary>
    public double TotalExpected => _cumulativeAtStart[^1];

    /// <summary>Builds the profile of a validated load spec. Replay phases need their <see cref="PhaseSpec.Trace"/>.</summary>
    public static RateProfile For(LoadSpec load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var pieces = new List<Piece>();
        var phases = new List<ProfilePhase>();
        var steps = new List<ProfileStep>();
        double t = 0;
        for (var i = 0; i < load.Phases.Count; i++)
        {
            var phase = load.Phases[i];
            var start = t;
            t = AddPhase(phase, i, start, pieces, steps);
            phases.Add(new ProfilePhase(i, phase.Shape, start, t) { Arrivals = ArrivalProcesses.Of(load, phase) });
        }
        return new RateProfile(load.Model, pieces.ToArray(), phases, steps);
    }

    /// <summary>Intended rate (or users) at an offset; 0 before the start and from the end on.</summary>
    public double RateAt(TimeSpan offset) => RateAt(offset.TotalSeconds);

    public double RateAt(double seconds)
    {
        var i = PieceIndexAt(seconds);
        return i < 0 ? 0 : _pieces[i].Rate(seconds);
    }

    /// <summary>Expected requests between two offsets: the exact integral of the rate.</summary>
    public double ExpectedCount(TimeSpan from, TimeSpan to) => Cumulative(to.TotalSeconds) - Cumulative(from.TotalSeconds);

    /// <summary>Expected requests from the start up to <paramref name="seconds"/> (∫₀ˢ rate).</summary>
    public double Cumulative(double seconds)
    {
        if (seconds <= 0 || _pieces.Length == 0) return 0;
        if (seconds >= DurationSeconds) return TotalExpected;
        var i = PieceIndexAt(seconds);
        if (i < 0) return TotalExpected;
        return _cumulativeAtStart[i] + _pieces[i].Integral(_pieces[i].Start, seconds);
    }

    /// <summary>
    /// The offset at which the cumulative expected count reaches <paramref name="count"/> (the inverse of
    /// <see cref="Cumulative"/>), or null when the profile ends first. A deterministic open-model schedule sends
    /// request n at <c>TimeAtCount(n)</c>.
    /// </summary>
    public double? TimeAtCount(double count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        if (count > TotalExpected) return null;
        // First piece whose cumulative end reaches the count (skipping zero-rate pieces where the count is reached at their start).
        var lo = 0;
        var hi = _pieces.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_cumulativeAtStart[mid + 1] >= count) hi = mid; else lo = mid + 1;
        }
        var piece = _pieces[lo];
        return piece.Inverse(count - _cumulativeAtStart[lo]);
    }

    /// <summary>Index of the phase running at an offset, or -1 outside the profile.</summary>
    public int PhaseIndexAt(TimeSpan offset)
    {
        var s = offset.TotalSeconds;
        if (s < 0 || s >= DurationSeconds) return -1;
        for (var i = 0; i < Phases.Count; i++)
            if (s < Phases[i].EndSeconds) return i;
        return -1;
    }

    /// <summary>The phase windows of <c>run.json</c> for a run whose load started at <paramref name="startUtc"/>.</summary>
    public IReadOnlyList<RunFiles.PhaseWindow> PhaseWindows(DateTimeOffset startUtc) =>
        Phases.Select(p => new RunFiles.PhaseWindow(p.Index, p.Shape.ToString().ToLowerInvariant(), startUtc + p.Start, startUtc + p.End)
            {
                Arrivals = p.Arrivals is { } a ? ArrivalProcesses.Name(a) : null,
            })
            .ToList();

    /// <summary>The step windows of <c>run.json</c> (warm-up excluded from the steady part) for a run started at <paramref name="startUtc"/>.</summary>
    public IReadOnlyList<RunFiles.StepWindow> StepWindows(DateTimeOffset startUtc) =>
        Steps.Select(s => new RunFiles.StepWindow(s.Index, s.PhaseIndex, s.TargetRate, startUtc + s.Start, startUtc + s.SteadyStart, startUtc + s.End))
            .ToList();

    /// <summary>The levels of a <c>steps</c> phase, in order (see the class summary for the rule).</summary>
    public static IReadOnlyList<double> StepLevels(double from, double to, double step)
    {
        if (step == 0 || double.IsNaN(step) || Math.Sign(to - from) * Math.Sign(step) < 0)
            throw new ArgumentException("step must be non-zero and point from 'from' towards 'to'.", nameof(step));
        var n = (long)Math.Floor((to - from) / step + 1e-9);
        if (n > 1_000_000) throw new ArgumentException("too many steps.", nameof(step));
        var levels = new List<double>((int)n + 2);
        for (long k = 0; k <= n; k++) levels.Add(from + k * step);
        if (Math.Abs(levels[^1] - to) > 1e-9 * Math.Max(1, Math.Abs(to))) levels.Add(to);
        return levels;
    }

    /// <summary>The duration a phase takes (steps and replay derive it from their own fields).</summary>
    public static TimeSpan PhaseDuration(PhaseSpec phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var pieces = new List<Piece>();
        return TimeSpan.FromSeconds(AddPhase(phase, 0, 0, pieces, []));
    }

    private static double AddPhase(PhaseSpec phase, int phaseIndex, double start, List<Piece> pieces, List<ProfileStep> steps)
    {
        var d = phase.Duration.TotalSeconds;
        switch (phase.Shape)
        {
            case PhaseShape.Constant:
            case PhaseShape.Poisson:
                return Flat(pieces, start, d, phase.Rate);
            case PhaseShape.Pause:
                return Flat(pieces, start, d, 0);
            case PhaseShape.Ramp:
                if (d > 0) pieces.Add(new LinearPiece(start, start + d, phase.From, phase.To));
                return start + d;
            case PhaseShape.Steps:
            {
                var hold = phase.Hold.TotalSeconds;
                var warmup = phase.Warmup.TotalSeconds;
                var t = start;
                foreach (var level in StepLevels(phase.From, phase.To, phase.Step))
                {
                    steps.Add(new ProfileStep(steps.Count, phaseIndex, level, t, t + Math.Min(warmup, hold), t + hold));
                    t = Flat(pieces, t, hold, level);
                }
                return t;
            }
            case PhaseShape.Spike:
            {
                var p = (phase.PeakDuration ?? TimeSpan.FromSeconds(d / 5)).TotalSeconds;
                p = Math.Clamp(p, 0, d);
                var q = (d - p) / 4;
                var t = Flat(pieces, start, q, phase.Base);
                if (q > 0) pieces.Add(new LinearPiece(t, t + q, phase.Base, phase.Peak));
                t += q;
                t = Flat(pieces, t, p, phase.Peak);
                if (q > 0) pieces.Add(new LinearPiece(t, t + q, phase.Peak, phase.Base));
                t += q;
                // The last quarter ends exactly at start + d (avoids drift from repeated additions).
                if (start + d > t) pieces.Add(new LinearPiece(t, start + d, phase.Base, phase.Base));
                return start + d;
            }
            case PhaseShape.Sine:
                if (d > 0) pieces.Add(new SinePiece(start, start + d, phase.Mean, phase.Amplitude, phase.Period.TotalSeconds));
                return start + d;
            case PhaseShape.Replay:
            {
                var trace = phase.Trace ?? throw new ArgumentException(
                    "a replay phase needs its trace (PhaseSpec.Trace); load the scenario with ScenarioLoader.", nameof(phase));
                var interval = trace.Interval.TotalSeconds;
                var speedup = phase.Speedup;
                var rowSeconds = interval / speedup;
                var rows = trace.Counts.Skip(phase.Skip);
                if (phase.Take is { } take) rows = rows.Take(take);
                var t = start;
                var k = 0;
                foreach (var count in rows)
                {
                    // Compute each row's end from the row index so long traces do not accumulate rounding.
                    var end = start + ++k * rowSeconds;
                    pieces.Add(new LinearPiece(t, end, count * phase.Scale * speedup / interval, count * phase.Scale * speedup / interval));
                    t = end;
                }
                return t;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(phase), phase.Shape, "unknown shape");
        }
    }

    private static double Flat(List<Piece> pieces, double start, double length, double rate)
    {
        if (length > 0) pieces.Add(new LinearPiece(start, start + length, rate, rate));
        return start + length;
    }

    private int PieceIndexAt(double seconds)
    {
        if (_pieces.Length == 0 || seconds < 0 || seconds >= DurationSeconds) return -1;
        var lo = 0;
        var hi = _pieces.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_pieces[mid].Start <= seconds) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private abstract class Piece(double start, double end)
    {
        public double Start { get; } = start;
        public double End { get; } = end;
        public abstract double Max { get; }
        public abstract double Rate(double t);
        public abstract double Integral(double a, double b);
        /// <summary>Offset t in [Start, End] where ∫ from Start to t equals <paramref name="count"/>.</summary>
        public abstract double Inverse(double count);
    }

    /// <summary>Rate varies linearly from R0 at Start to R1 at End (constant when equal).</summary>
    private sealed class LinearPiece(double start, double end, double r0, double r1) : Piece(start, end)
    {
        private readonly double _slope = end > start ? (r1 - r0) / (end - start) : 0;
        public override double Max => Math.Max(r0, r1);
        public override double Rate(double t) => r0 + _slope * (t - Start);

        public override double Integral(double a, double b)
        {
            var x = a - Start;
            var y = b - Start;
            return r0 * (y - x) + _slope * (y * y - x * x) / 2;
        }

        public override double Inverse(double count)
        {
            if (count <= 0) return Start;
            // r0·x + slope·x²/2 = count
            double x;
            if (Math.Abs(_slope) < 1e-15) x = r0 > 0 ? count / r0 : End - Start;
            else
            {
                var disc = r0 * r0 + 2 * _slope * count;
                // Stable form of (-r0 + sqrt(disc)) / slope.
                x = 2 * count / (r0 + Math.Sqrt(Math.Max(0, disc)));
            }
            return Math.Min(End, Start + x);
        }
    }

    /// <summary>mean + amplitude·sin(2π(t−Start)/period).</summary>
    private sealed class SinePiece(double start, double end, double mean, double amplitude, double period) : Piece(start, end)
    {
        private readonly double _omega = 2 * Math.PI / period;
        // The crest; an upper bound when the phase is shorter than a quarter period (sizing only needs a bound).
        public override double Max => mean + Math.Abs(amplitude);
        public override double Rate(double t) => mean + amplitude * Math.Sin(_omega * (t - Start));

        public override double Integral(double a, double b)
        {
            var x = a - Start;
            var y = b - Start;
            return mean * (y - x) + amplitude / _omega * (Math.Cos(_omega * x) - Math.Cos(_omega * y));
        }

        public override double Inverse(double count)
        {
            // Monotone (rate ≥ 0 once validated), so bisection converges; 100 halvings reach double precision.
            double lo = Start, hi = End;
            for (var i = 0; i < 100 && hi - lo > 1e-12 * Math.Max(1, hi); i++)
            {
                var mid = (lo + hi) / 2;
                if (Integral(Start, mid) < count) lo = mid; else hi = mid;
            }
            return hi;
        }
    }
}

/// <summary>A phase's place in the run: offsets from the start of the load.</summary>
public sealed record ProfilePhase(int Index, PhaseShape Shape, double StartSeconds, double EndSeconds)
{
    /// <summary>How its requests arrive (open model); null for a pause and in the closed model.</summary>
    public ArrivalProcess? Arrivals { get; init; }

    public TimeSpan Start => TimeSpan.FromSeconds(StartSeconds);
    public TimeSpan End => TimeSpan.FromSeconds(EndSeconds);
    public TimeSpan Duration => TimeSpan.FromSeconds(EndSeconds - StartSeconds);
}

/// <summary>
/// One level of a <c>steps</c> phase: the rate (or users) is <see cref="TargetRate"/> from <see cref="StartSeconds"/> to
/// <see cref="EndSeconds"/>; measurements count from <see cref="SteadyStartSeconds"/> (after the warm-up).
/// </summary>
public sealed record ProfileStep(int Index, int PhaseIndex, double TargetRate, double StartSeconds, double SteadyStartSeconds, double EndSeconds)
{
    public TimeSpan Start => TimeSpan.FromSeconds(StartSeconds);
    public TimeSpan SteadyStart => TimeSpan.FromSeconds(SteadyStartSeconds);
    public TimeSpan End => TimeSpan.FromSeconds(EndSeconds);
}
