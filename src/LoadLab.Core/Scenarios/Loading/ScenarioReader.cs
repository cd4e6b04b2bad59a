using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LoadLab.Core.Errors;
using LoadLab.Core.Thresholds;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// Maps a parsed YAML/JSON tree onto <see cref="Scenario"/>, validating as it goes. Every problem is recorded in the
/// sink and reading continues, so one pass reports everything wrong with a file.
/// </summary>
internal sealed partial class ScenarioReader(ProblemSink sink, string baseDirectory, string displayDirectory)
{
    private const int MaxStepLevels = 1000;
    /// <summary>No phase may last longer than this (a year: even a whole trace replayed in real time fits).</summary>
    private static readonly TimeSpan MaxPhase = TimeSpan.FromDays(366);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial Regex ScenarioName();

    // SageMaker: EndpointName and VariantName are ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex SageMakerName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionName();

    // RFC 9110 token characters for header names.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$")]
    private static partial Regex MediaType();

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public Scenario? Read(YamlNode root, string sourcePath, string defaultName)
    {
        var top = YamlFields.Open(root, "", sink);
        if (top is null) return null;
        top.RejectUnknown(ScenarioFields.Top, ElsewhereHint);

        var name = top.String("name", required: top.Has("name"));
        var defaulted = name is null && !top.Has("name");
        if (defaulted) name = defaultName;
        if (name is not null && !ScenarioName().IsMatch(name))
            top.Problem("name", defaulted
                ? $"the file name '{name}' cannot name a run folder; add a name: using letters, digits, '.', '_' or '-'"
                : $"'{name}' cannot name a run folder: use letters, digits, '.', '_' or '-' (at most 80, starting with a letter or digit)");

        var target = top.Get("target") is { } t ? ReadTarget(t) : MissingSection<TargetSpec>(top, "target");
        var isSageMaker = target?.Kind != TargetKind.Http;
        var payload = top.Get("payload") is { } p ? ReadPayload(p, isSageMaker) : null;
        var slo = top.Get("slo") is { } s ? ReadSlo(s) : new SloSpec();
        var load = top.Get("load") is { } l ? ReadLoad(l) : MissingSection<LoadSpec>(top, "load");
        var thresholds = top.Get("thresholds") is { } th ? ReadThresholds(th) : [];
        var abortOnFail = top.Bool("abortOnFail") ?? false;
        if (abortOnFail && top.Get("thresholds") is null or YamlSequenceNode { Children.Count: 0 } or YamlMappingNode { Children.Count: 0 })
            top.Problem("abortOnFail", "needs thresholds to abort on");
        var recommend = top.Get("recommend") is { } r ? ReadRecommend(r) : new RecommendSpec();
        var seed = top.Integer("seed");
        var description = top.String("description");

        if (sink.Items.Count > 0 || name is null || target is null || load is null || slo is null || recommend is null) return null;
        return new Scenario
        {
            Name = name,
            Description = description,
            Target = target,
            Payload = payload,
            Slo = slo,
            Load = load,
            Thresholds = thresholds,
            AbortOnFail = abortOnFail,
            Recommend = recommend,
            Seed = seed,
            SourcePath = sourcePath,
        };
    }

    private static T? MissingSection<T>(YamlFields top, string key) where T : class
    {
        if (top.Has(key)) top.Problem(key, "has no value");
        else top.Problem(key, "is required");
        return null;
    }

    /// <summary>For a top-level key with no close top-level name: is it a field of a section (e.g. target.endpoint)?</summary>
    private static string? ElsewhereHint(string name)
    {
        if (NameSuggester.Suggest(name, ScenarioFields.Top) is not null) return null;
        foreach (var (section, fields) in ScenarioFields.Sections)
            if (NameSuggester.Suggest(name, fields) is { } hit && NameSuggester.Distance(name.ToLowerInvariant(), hit.ToLowerInvariant()) <= 1)
                return $"unknown field here (did you mean '{section}.{hit}'?)";
        if (ScenarioFields.AnyPhase.Contains(name))
            return "unknown field here (phase fields go in a list under load.phases)";
        return null;
    }

    // ---- target -------------------------------------------------------------------------------------------------

    private TargetSpec? ReadTarget(YamlNode node)
    {
        var f = YamlFields.Open(node, "target", sink);
        if (f is null) return null;
        var kind = f.Choice("kind", ["sagemaker", "http"]);
        if (kind is null && f.Get("kind") is not null)
        {
            f.RejectUnknown(ScenarioFields.AnyTarget);
            return null;
        }
        kind ??= "sagemaker";
        var isSageMaker = kind == "sagemaker";
        f.RejectUnknown(isSageMaker ? ScenarioFields.SageMakerTarget : ScenarioFields.HttpTarget, field =>
            isSageMaker && ScenarioFields.HttpOnly.Contains(field)
                ? "applies to http targets only (set kind: http)"
                : !isSageMaker && ScenarioFields.SageMakerOnly.Contains(field)
                    ? "applies to sagemaker targets only (this target is kind: http)"
                    : null);

        var timeout = PositiveDuration(f, "timeout") ?? TimeSpan.FromSeconds(60);
        if (isSageMaker)
        {
            var endpoint = f.String("endpoint", required: true);
            if (endpoint is not null && !SageMakerName().IsMatch(endpoint))
                f.Problem("endpoint", $"'{endpoint}' is not a SageMaker endpoint name (letters, digits and '-', at most 63, not starting or ending with '-')");
            var variant = f.String("variant");
            if (variant is not null && !SageMakerName().IsMatch(variant))
                f.Problem("variant", $"'{variant}' is not a SageMaker variant name (letters, digits and '-', at most 63)");
            var region = f.String("region");
            if (region is not null && !RegionName().IsMatch(region))
                f.Problem("region", $"'{region}' is not an AWS region name (e.g. us-east-1)");
            var endpointUrl = f.String("endpointUrl");
            if (endpointUrl is not null) CheckAbsoluteUrl(f, "endpointUrl", endpointUrl);
            var custom = f.String("customAttributes");
            if (custom is not null && (custom.Length > 1024 || custom.Any(c => c < 0x20 || c > 0x7e)))
                f.Problem("customAttributes", "must be at most 1024 printable ASCII characters (a SageMaker limit)");
            var targetVariant = f.String("targetVariant");
            if (targetVariant is not null && !SageMakerName().IsMatch(targetVariant))
                f.Problem("targetVariant", $"'{targetVariant}' is not a SageMaker variant name");
            if (endpoint is null) return null;
            return new TargetSpec
            {
                Kind = TargetKind.SageMaker,
                Endpoint = endpoint,
                Variant = variant ?? "AllTraffic",
                Region = region,
                EndpointUrl = endpointUrl,
                CustomAttributes = custom,
                TargetVariant = targetVariant,
                Timeout = timeout,
            };
        }

        var url = f.String("url", required: true);
        if (url is not null) CheckAbsoluteUrl(f, "url", url);
        var method = f.String("method")?.Trim().ToUpperInvariant();
        if (method is not null && !HttpMethods.Contains(method))
            f.Problem("method", $"'{method}' is not one of: {string.Join(", ", HttpMethods)}");
        var headers = f.Get("headers") is { } h ? ReadHeaders(h) : new Dictionary<string, string>();
        if (url is null) return null;
        return new TargetSpec
        {
            Kind = TargetKind.Http,
            Url = url,
            Method = method ?? "POST",
            Headers = headers ?? new Dictionary<string, string>(),
            Timeout = timeout,
        };
    }

    private void CheckAbsoluteUrl(YamlFields f, string key, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            f.Problem(key, $"'{text}' is not an absolute http:// or https:// URL");
    }

    private Dictionary<string, string>? ReadHeaders(YamlNode node)
    {
        var f = YamlFields.Open(node, "target.headers", sink);
        if (f is null) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in f.Names)
        {
            if (!HeaderName().IsMatch(name))
            {
                f.ProblemAtKey(name, $"'{name}' is not a valid HTTP header name");
                continue;
            }
            var value = f.Get(name) is null ? "" : f.String(name);
            if (value is null) continue;
            if (value.Contains('\r') || value.Contains('\n'))
            {
                f.Problem(name, "header values cannot contain line breaks");
                continue;
            }
            if (!headers.TryAdd(name, value)) f.ProblemAtKey(name, "header given twice (names are case-insensitive)");
        }
        return headers;
    }

    // ---- payload ------------------------------------------------------------------------------------------------

    private PayloadSpec? ReadPayload(YamlNode node, bool isSageMaker)
    {
        var f = YamlFields.Open(node, "payload", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Payload);
        var contentType = f.String("contentType");
        if (contentType is not null && !MediaType().IsMatch(contentType.Trim()))
            f.Problem("contentType", $"'{contentType}' is not a media type like application/json");
        var accept = f.String("accept");

        var sources = ScenarioFields.PayloadSources.Where(k => f.Has(k)).ToList();
        if (sources.Count == 0)
        {
            sink.Add(f.Node, "payload", "needs one of: file, folder, jsonl, inline");
            return null;
        }
        if (sources.Count > 1)
        {
            foreach (var extra in sources.Skip(1))
                f.ProblemAtKey(extra, $"only one of file, folder, jsonl, inline may be set (also found '{sources[0]}')");
            return null;
        }
        var source = sources[0];
        var type = contentType?.Trim() ?? "application/json";
        var checks = new PayloadChecks(
            ExpectJson: type.Contains("json", StringComparison.OrdinalIgnoreCase) && !type.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
                        && !type.Contains("json-seq", StringComparison.OrdinalIgnoreCase) && !type.Contains("x-ndjson", StringComparison.OrdinalIgnoreCase),
            MaxBytes: isSageMaker ? PayloadReader.SageMakerMaxBytes : null,
            LimitReason: "SageMaker real-time endpoints accept at most 6 MB per request");
        var field = f.PathOf(source);
        var value = f.String(source, required: true);
        if (value is null) return null;
        IReadOnlyList<PayloadBody>? bodies;
        string? file = null, folder = null, jsonl = null, inline = null;
        var valueNode = f.Get(source)!;
        Problem At(string message) => new(sink.File, (int)valueNode.Start.Line, (int)valueNode.Start.Column, field, message);
        if (source == "inline")
        {
            inline = value;
            bodies = PayloadReader.ReadInline(value, sink.File, field, checks, sink.Items, At);
            if (bodies is not null && checks.ExpectJson && JsonSyntax.Check(Encoding.UTF8.GetBytes(value), sink.File, field) is { } bad)
            {
                sink.Items.Add(At($"contentType is JSON but the inline body is not valid JSON: {bad.Message["malformed JSON: ".Length..]}"));
                bodies = null;
            }
        }
        else
        {
            var (full, display) = ResolvePath(value);
            switch (source)
            {
                case "file":
                    file = full;
                    bodies = PayloadReader.ReadFile(full, display, field, checks, sink.Items, At);
                    break;
                case "folder":
                    folder = full;
                    bodies = PayloadReader.ReadFolder(full, display, field, checks, sink.Items, At);
                    break;
                default:
                    jsonl = full;
                    bodies = PayloadReader.ReadJsonLines(full, display, field, checks, sink.Items, At);
                    break;
            }
        }
        if (bodies is null) return null;
        return new PayloadSpec
        {
            ContentType = type,
            Accept = accept,
            File = file,
            Folder = folder,
            Jsonl = jsonl,
            Inline = inline,
            Bodies = bodies,
        };
    }

    /// <summary>Relative paths resolve against the scenario file's folder; returns the absolute path and the path to show.</summary>
    private (string Full, string Display) ResolvePath(string value)
    {
        var trimmed = value.Trim();
        if (Path.IsPathRooted(trimmed)) return (Path.GetFullPath(trimmed), trimmed);
        return (Path.GetFullPath(Path.Combine(baseDirectory, trimmed)),
            displayDirectory.Length == 0 ? trimmed : Path.Combine(displayDirectory, trimmed));
    }

    // ---- slo ----------------------------------------------------------------------------------------------------

    private SloSpec? ReadSlo(YamlNode node)
    {
        var f = YamlFields.Open(node, "slo", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Slo);
        var slo = new SloSpec();
        var ok = true;
        if (f.Get("latency") is { } latencyNode)
        {
            var l = YamlFields.Open(latencyNode, "slo.latency", sink);
            if (l is null) ok = false;
            else
            {
                l.RejectUnknown(ScenarioFields.SloLatency);
                var percentile = l.Number("percentile");
                if (percentile is <= 0 or >= 100)
                {
                    l.Problem("percentile", $"must be between 0 and 100 (exclusive), e.g. 90 or 99.9; got {Num(percentile.Value)}");
                    ok = false;
                }
                var ms = l.Number("ms");
                if (ms is <= 0)
                {
                    l.Problem("ms", "must be > 0");
                    ok = false;
                }
                slo = slo with { LatencyPercentile = percentile ?? slo.LatencyPercentile, LatencyMs = ms ?? slo.LatencyMs };
            }
        }
        var maxErrorRate = f.Fraction("maxErrorRate");
        if (maxErrorRate is < 0 or > 1)
        {
            f.Problem("maxErrorRate", $"must be a fraction from 0 to 1 (or a percentage like 1%); got {Num(maxErrorRate.Value)}");
            ok = false;
        }
        return ok ? slo with { MaxErrorRate = maxErrorRate ?? slo.MaxErrorRate } : null;
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    private LoadSpec? ReadLoad(YamlNode node)
    {
        var f = YamlFields.Open(node, "load", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Load);
        var modelText = f.Choice("model", ["open", "closed"]);
        var model = modelText == "closed" ? LoadModel.Closed : LoadModel.Open;
        var defaults = new LoadSpec { Phases = [] };

        long? maxInFlight = null;
        if (f.Has("maxInFlight"))
        {
            if (model == LoadModel.Closed)
                f.ProblemAtKey("maxInFlight", "applies to the open model only (in the closed model the users are the concurrency)");
            else
            {
                maxInFlight = f.Integer("maxInFlight");
                if (maxInFlight is <= 0 or > int.MaxValue) f.Problem("maxInFlight", "must be a whole number > 0");
            }
        }
        TimeSpan? thinkTime = null;
        if (f.Has("thinkTime"))
        {
            if (model == LoadModel.Open)
                f.ProblemAtKey("thinkTime", "applies to the closed model only (set load.model: closed)");
            else thinkTime = f.Duration("thinkTime");
        }
        var gracefulStop = f.Duration("gracefulStop");
        var arrivals = ReadArrivals(f, model);
        long? warmupRequests = null;
        if (f.Has("warmupRequests"))
        {
            warmupRequests = f.Integer("warmupRequests");
            if (warmupRequests is < 0 or > 10_000) f.Problem("warmupRequests", "must be a whole number from 0 (none) to 10000");
        }

        List<PhaseSpec>? phases = null;
        var phasesNode = f.Get("phases");
        if (phasesNode is null) f.Problem("phases", f.Has("phases") ? "must list at least one phase" : "is required");
        else if (phasesNode is not YamlSequenceNode list)
            sink.Add(phasesNode, "load.phases", $"expected a list of phases, got {YamlFields.Describe(phasesNode)}");
        else if (list.Children.Count == 0)
            sink.Add(phasesNode, "load.phases", "must list at least one phase");
        else
        {
            phases = [];
            for (var i = 0; i < list.Children.Count; i++)
            {
                var phase = ReadPhase(list.Children[i], i, model);
                if (phase is null) phases = null;
                else phases?.Add(phase);
            }
        }
        if (phases is null || modelText is null && f.Get("model") is not null) return null;
        return new LoadSpec
        {
            Model = model,
            Phases = phases,
            MaxInFlight = (int)(maxInFlight ?? defaults.MaxInFlight),
            ThinkTime = thinkTime ?? defaults.ThinkTime,
            GracefulStop = gracefulStop ?? defaults.GracefulStop,
            Arrivals = arrivals,
            WarmupRequests = (int)(warmupRequests is >= 0 and <= 10_000 ? warmupRequests.Value : defaults.WarmupRequests),
        };
    }

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
        var allowed = shapeName == "pause" ? ScenarioFields.PhaseFields[shapeName] : [.. ScenarioFields.PhaseFields[shapeName], .. ScenarioFields.ArrivingPhase];
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
    private static ArrivalProcess? ReadArrivals(YamlFields f, LoadModel model)
    {
        if (!f.Has("arrivals")) return null;
        if (model == LoadModel.Closed)
        {
            f.ProblemAtKey("arrivals", "applies to the open model only (in the closed model users send when their previous request ends)");
            return null;
        }
        return f.Choice("arrivals", ScenarioFields.ArrivalChoices) switch
        {
            "poisson" => ArrivalProcess.Poisson,
            "uniform" => ArrivalProcess.Uniform,
            _ => null,
        };
    }

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

    // ---- thresholds and recommend ----------------------------------------------------------------------------------

    private IReadOnlyList<string> ReadThresholds(YamlNode node)
    {
        if (node is YamlMappingNode)
            return ReadK6Thresholds(node);
        if (node is not YamlSequenceNode list)
        {
            sink.Add(node, "thresholds", $"expected a list of expressions like [\"p(99) < 500\", \"errors < 1%\"], got {YamlFields.Describe(node)}");
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var field = $"thresholds[{i}]";
            if (item is not YamlScalarNode { Value: { } text } || YamlFields.IsNull(item))
            {
                sink.Add(item, field, $"expected an expression like \"p(99) < 500\", got {YamlFields.Describe(item)}");
                continue;
            }
            if (Threshold.TryParse(text, out var threshold, out var error)) result.Add(threshold!.Expression);
            else sink.Add(item, field, error);
        }
        return result;
    }

    /// <summary>
    /// k6's object form: <c>thresholds: { http_req_duration: ["p(95)&lt;200"], http_req_failed: ["rate&lt;0.01"] }</c>.
    /// Each entry becomes the list form with its metric as a prefix (<c>http_req_failed: rate&lt;0.01</c>).
    /// </summary>
    private IReadOnlyList<string> ReadK6Thresholds(YamlNode node)
    {
        var f = YamlFields.Open(node, "thresholds", sink)!;
        f.RejectUnknown(Threshold.K6Metrics);
        var result = new List<string>();
        foreach (var metric in f.Names.Where(n => Threshold.K6Metrics.Contains(n)))
        {
            var value = f.Get(metric);
            var items = value switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children.ToList(),
                _ => [value],
            };
            for (var i = 0; i < items.Count; i++)
            {
                var field = value is YamlSequenceNode ? $"thresholds.{metric}[{i}]" : $"thresholds.{metric}";
                if (items[i] is not YamlScalarNode { Value: { } text } || YamlFields.IsNull(items[i]))
                {
                    sink.Add(items[i], field, $"expected an expression like \"p(95) < 200\", got {YamlFields.Describe(items[i])}");
                    continue;
                }
                var expression = $"{metric}: {text.Trim()}";
                if (Threshold.TryParse(expression, out var threshold, out var error)) result.Add(threshold!.Expression);
                else sink.Add(items[i], field, error);
            }
        }
        return result;
    }

    private RecommendSpec? ReadRecommend(YamlNode node)
    {
        var f = YamlFields.Open(node, "recommend", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Recommend);
        var before = sink.Items.Count;
        var peakRps = Positive(f, "peakRps");
        TimeSpan? startup = null;
        if (f.Get("instanceStartup") is YamlScalarNode { Value: { } v } && v.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
            startup = null;
        else if (f.Get("instanceStartup") is not null)
        {
            startup = f.Duration("instanceStartup");
            if (startup is { } s && s <= TimeSpan.Zero) f.Problem("instanceStartup", "must be 'auto' or a duration > 0");
        }
        var price = NonNegative(f, "pricePerInstanceHour");
        var growth = f.Fraction("growthPerMinute");
        if (growth is <= 0) f.Problem("growthPerMinute", "must be > 0 (a fraction per minute like 0.1, or 10%)");
        var min = f.Integer("minCapacity");
        if (min is < 1) f.Problem("minCapacity", "must be at least 1 (a SageMaker variant keeps at least one instance)");
        var max = f.Integer("maxCapacity");
        if (max is < 1) f.Problem("maxCapacity", "must be at least 1");
        else if (max is not null && min is >= 1 && max < min) f.Problem("maxCapacity", $"must be >= minCapacity ({min})");
        if (sink.Items.Count > before) return null;
        return new RecommendSpec
        {
            PeakRps = peakRps,
            InstanceStartup = startup,
            PricePerInstanceHour = price,
            GrowthPerMinute = growth,
            MinCapacity = (int?)min,
            MaxCapacity = (int?)max,
        };
    }

    // ---- small checks ---------------------------------------------------------------------------------------------

    private static double? Positive(YamlFields f, string key, bool required = false)
    {
        var v = f.Number(key, required);
        if (v is <= 0) f.Problem(key, $"must be > 0; got {Num(v.Value)}");
        return v;
    }

    private static double? NonNegative(YamlFields f, string key, bool required = false)
    {
        var v = f.Number(key, required);
        if (v is < 0) f.Problem(key, $"must be >= 0; got {Num(v.Value)}");
        return v;
    }

    private static TimeSpan? PositiveDuration(YamlFields f, string key, bool required = false)
    {
        var v = f.Duration(key, required);
        if (v is { } d && d <= TimeSpan.Zero) f.Problem(key, "must be longer than 0");
        else if (v > MaxPhase)
        {
            f.Problem(key, $"is longer than {MaxPhase.TotalDays:0} days");
            return null;
        }
        return v;
    }

    private static void WholeUsers(YamlFields f, string key, double? value)
    {
        if (value is { } v && v != Math.Floor(v))
            f.Problem(key, $"the closed model counts virtual users: must be a whole number, got {Num(v)}");
    }

    private static string Num(double v)
    {
        var text = v.ToString("0.######", CultureInfo.InvariantCulture);
        // Tiny values must not print as "0" in a message that complains about them.
        return text is "0" or "-0" && v != 0 ? v.ToString("G6", CultureInfo.InvariantCulture) : text;
    }
}
