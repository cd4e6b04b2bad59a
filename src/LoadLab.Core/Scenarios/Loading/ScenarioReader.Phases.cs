using LoadLab.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>One entry of <c>load.phases</c>: its shape and the fields that shape takes, with their durations bounded.</summary>
internal sealed partial class ScenarioReader
{
    private const int MaxStepLevels = 1000;

    private PhaseSpec? ReadPhase(YamlNode node, int index, LoadModel model)
    {
        var path = $"load.phases[{index}]";
        var f = YamlFields.Open(node, path, sink);
        if (f is null) return null;
        var shapeName = f.Choice("shape", ScenarioFields.Shapes, required: true);
        if (shapeName is null)
        {
            f.RejectUnknown(ScenarioFields.AnyPhase);
            return null;
        }
        var allowed = ScenarioFields.PhaseTakes(shapeName);
        f.RejectUnknown(["shape", .. allowed], field => WrongShapeField(shapeName, field, allowed));
        var closed = model == LoadModel.Closed;
        var before = sink.Items.Count;

        var phase = new PhaseSpec
        {
            Shape = Enum.Parse<PhaseShape>(shapeName, ignoreCase: true),
            Line = (int)node.Start.Line,
            Column = (int)node.Start.Column,
            Arrivals = ReadArrivals(f, model),
        };
        if (shapeName == "poisson" && phase.Arrivals == ArrivalProcess.Uniform)
            f.Problem("arrivals", "a poisson phase arrives as a Poisson process; for evenly spaced arrivals use shape: constant");
        switch (shapeName)
        {
            case "constant":
            {
                double? rate = null;
                if (f.Has("rate") && f.Has("users"))
                    f.ProblemAtKey("users", "set either rate or users, not both");
                else if (f.Has("users"))
                {
                    if (!closed) f.ProblemAtKey("users", "counts virtual users and needs load.model: closed; the open model takes 'rate' (requests/s)");
                    else rate = Positive(f, "users", required: true);
                }
                else rate = Positive(f, "rate", required: true);
                if (closed) WholeUsers(f, f.Has("users") ? "users" : "rate", rate);
                phase = phase with { Rate = rate ?? 0, Duration = PositiveDuration(f, "duration", required: true) ?? default };
                break;
            }
            case "poisson":
                if (closed) f.Problem("shape", "poisson describes random arrivals and needs the open model (load.model: open)");
                phase = phase with
                {
                    Rate = Positive(f, "rate", required: true) ?? 0,
                    Duration = PositiveDuration(f, "duration", required: true) ?? default,
                };
                break;
            case "ramp":
            {
                var from = NonNegative(f, "from", required: true);
                var to = NonNegative(f, "to", required: true);
                if (from == 0 && to == 0) f.Problem("to", "from and to are both 0; a ramp must reach a rate above 0");
                if (closed)
                {
                    WholeUsers(f, "from", from);
                    WholeUsers(f, "to", to);
                }
                phase = phase with { From = from ?? 0, To = to ?? 0, Duration = PositiveDuration(f, "duration", required: true) ?? default };
                break;
            }
            case "steps":
                phase = ReadSteps(f, phase, closed);
                break;
            case "spike":
            {
                var @base = NonNegative(f, "base") ?? 0;
                var peak = Positive(f, "peak", required: true);
                if (peak is not null && peak <= @base) f.Problem("peak", $"must be greater than base ({Num(@base)})");
                var duration = PositiveDuration(f, "duration", required: true);
                var peakDuration = PositiveDuration(f, "peakDuration");
                if (peakDuration is not null && duration is not null && peakDuration > duration)
                    f.Problem("peakDuration", $"is longer than the phase's duration ({DurationText.Format(duration.Value)})");
                if (closed)
                {
                    WholeUsers(f, "base", @base);
                    WholeUsers(f, "peak", peak);
                }
                phase = phase with { Base = @base, Peak = peak ?? 0, Duration = duration ?? default, PeakDuration = peakDuration };
                break;
            }
            case "sine":
            {
                var mean = Positive(f, "mean", required: true);
                var amplitude = NonNegative(f, "amplitude", required: true);
                if (mean is not null && amplitude is not null && amplitude > mean)
                    f.Problem("amplitude", $"must not exceed mean ({Num(mean.Value)}), or the rate would go below 0");
                if (closed)
                {
                    WholeUsers(f, "mean", mean);
                    WholeUsers(f, "amplitude", amplitude);
                }
                phase = phase with
                {
                    Mean = mean ?? 0,
                    Amplitude = amplitude ?? 0,
                    Period = PositiveDuration(f, "period", required: true) ?? default,
                    Duration = PositiveDuration(f, "duration", required: true) ?? default,
                };
                break;
            }
            case "replay":
                phase = ReadReplay(f, phase, closed);
                break;
            case "pause":
                phase = phase with { Duration = PositiveDuration(f, "duration", required: true) ?? default };
                break;
        }
        return sink.Items.Count > before ? null : phase;
    }

    /// <summary><c>arrivals: poisson | uniform</c> (load level or per phase); open model only.</summary>
    private static string? WrongShapeField(string shape, string field, string[] allowed)
    {
        if (!ScenarioFields.AnyPhase.Contains(field)) return null;
        var takes = $"{shape} takes: {string.Join(", ", allowed)}";
        return (shape, field) switch
        {
            ("pause", "rate" or "users") => "a pause sends nothing, so it takes no rate (pause takes: duration)",
            ("steps", "duration") => "does not apply to steps: a ladder lasts (number of levels) × hold",
            ("replay", "duration") => "does not apply to replay: it lasts as long as the trace (use skip, take and speedup)",
            _ when NameSuggester.Suggest(field, allowed) is { } hint && hint != field && NameSuggester.Distance(field, hint) <= 1
                => $"unknown field (did you mean '{hint}'?)",
            _ => $"does not apply to a {shape} phase ({takes})",
        };
    }

    private PhaseSpec ReadSteps(YamlFields f, PhaseSpec phase, bool closed)
    {
        var from = Positive(f, "from", required: true);
        var to = Positive(f, "to", required: true);
        var step = f.Number("step", required: true);
        var hold = PositiveDuration(f, "hold", required: true);
        var warmup = f.Duration("warmup") ?? TimeSpan.Zero;
        if (closed)
        {
            WholeUsers(f, "from", from);
            WholeUsers(f, "to", to);
            WholeUsers(f, "step", step);
        }
        if (hold is not null && f.Get("warmup") is not null && warmup >= hold)
            f.Problem("warmup", $"must be shorter than hold ({DurationText.Format(hold.Value)}), or no step has a steady part to measure");
        IReadOnlyList<double>? levels = null;
        if (step is not null)
        {
            if (step == 0) f.Problem("step", "must not be 0");
            else if (from is not null && to is not null)
            {
                var span = to.Value - from.Value;
                if (span == 0) f.Problem("to", $"equals from ({Num(from.Value)}); a ladder needs two levels (use a constant phase for one)");
                else if (span > 0 && step < 0) f.Problem("step", $"must be > 0 when from < to (a rising ladder); got {Num(step.Value)}");
                else if (span < 0 && step > 0) f.Problem("step", $"must be negative when from > to (a falling ladder), e.g. {Num(-step.Value)}");
                else if (Math.Abs(step.Value) > Math.Abs(span))
                    f.Problem("step", $"{Num(Math.Abs(step.Value))} is larger than the distance from {Num(from.Value)} to {Num(to.Value)} ({Num(Math.Abs(span))}); the ladder would have a single step");
                else if (Math.Abs(span / step.Value) + 1 > MaxStepLevels)
                    f.Problem("step", $"makes more than {MaxStepLevels} levels; use a larger step");
                else levels = RateProfile.StepLevels(from.Value, to.Value, step.Value);
            }
        }
        return phase with
        {
            From = from ?? 0,
            To = to ?? 0,
            Step = step ?? 0,
            Hold = hold ?? default,
            Warmup = warmup,
            Duration = levels is not null && hold is not null ? LadderDuration(f, hold.Value, levels.Count) : default,
        };
    }

    private PhaseSpec ReadReplay(YamlFields f, PhaseSpec phase, bool closed)
    {
        if (closed) f.Problem("shape", "replay plays request counts and needs the open model (load.model: open)");
        var speedup = Positive(f, "speedup") ?? 1;
        var scale = Positive(f, "scale") ?? 1;
        var skip = f.Integer("skip");
        if (skip is < 0 or > int.MaxValue) f.Problem("skip", "must be a whole number >= 0");
        var take = f.Integer("take");
        if (take is <= 0 or > int.MaxValue) f.Problem("take", "must be a whole number > 0");
        var fileText = f.String("file", required: true);
        if (fileText is null) return phase;
        var (full, display) = ResolvePath(fileText);
        var node = f.Get("file")!;
        var field = f.PathOf("file");
        var trace = ReplayTraceReader.TryRead(full, display, field, sink.Items,
            message => new Problem(sink.File, (int)node.Start.Line, (int)node.Start.Column, field, message));
        if (trace is null) return phase;
        var rows = trace.Counts.Count - (int)Math.Clamp(skip ?? 0, 0, int.MaxValue);
        if (rows <= 0) f.Problem("skip", $"skips all {trace.Counts.Count} rows of the trace");
        else if (take is > 0) rows = (int)Math.Min(rows, take.Value);
        var result = phase with
        {
            File = full,
            Trace = trace,
            Speedup = speedup,
            Scale = scale,
            Skip = (int)Math.Clamp(skip ?? 0, 0, int.MaxValue),
            Take = take is > 0 and <= int.MaxValue ? (int)take.Value : null,
        };
        if (rows <= 0) return result;
        // Computed in seconds first: a tiny speedup must be a message, not a TimeSpan overflow.
        var seconds = trace.Interval.TotalSeconds * rows / speedup;
        if (seconds > MaxPhase.TotalSeconds)
        {
            f.Problem(f.Get("speedup") is not null ? "speedup" : "file",
                $"the replay would last {seconds / 86_400:0} days ({rows} rows of {DurationText.Format(trace.Interval)} at speedup {Num(speedup)}); at most {MaxPhase.TotalDays:0} days");
            return result;
        }
        return result with { Duration = TimeSpan.FromSeconds(seconds) };
    }

    private static TimeSpan LadderDuration(YamlFields f, TimeSpan hold, int levels)
    {
        if (hold.TotalSeconds * levels <= MaxPhase.TotalSeconds) return hold * levels;
        f.Problem("hold", $"the ladder would last {hold.TotalSeconds * levels / 86_400:0} days ({levels} levels × {DurationText.Format(hold)}); at most {MaxPhase.TotalDays:0} days");
        return default;
    }
}
