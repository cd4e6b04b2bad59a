using System.Diagnostics;
using System.Text;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LoadLab.SimEndpoint.Wire;

/// <summary>
/// The hot path: <c>POST /endpoints/{name}/invocations</c> as SageMaker Runtime answers it. Per request: a few
/// Interlocked operations (routing draw, admission, worker, metrics), one request-id string, no lock unless the
/// request has to queue, no logging.
/// </summary>
public sealed class InvocationHandler
{
    public const string PathPrefix = "/endpoints/";
    public const string PathSuffix = "/invocations";
    public const int MaxPayloadBytes = 25 * 1024 * 1024; // InvokeEndpoint's real-time payload limit
    private const string InvokedVariantHeader = "x-Amzn-Invoked-Production-Variant";
    private const string CustomAttributesHeader = "X-Amzn-SageMaker-Custom-Attributes";
    private const string TargetVariantHeader = "X-Amzn-SageMaker-Target-Variant";
    private const string InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id";
    private static readonly StringValues JsonType = "application/json";
    private static readonly StringValues CsvType = "text/csv";
    private readonly SimFleet _fleet;
    /// <summary>Service times are real even on a compressed fleet clock.</summary>
    private readonly TimeProvider _real;
    private readonly double _ticksPerMicrosecond;
    private readonly SimEndpointOptions _o;
    private readonly Throttle? _throttle;
    private readonly ISigV4Verifier? _verifier;
    private readonly string _region;
    private readonly bool _noServiceTime;
    private readonly double _perKbSeconds;

    public InvocationHandler(SimFleet fleet, ISigV4Verifier? verifier, string region)
    {
        _fleet = fleet;
        _real = fleet.RealTime;
        _ticksPerMicrosecond = _real.TimestampFrequency / 1_000_000.0;
        _o = fleet.Options;
        _verifier = verifier;
        _region = region;
        _throttle = _o.MaxRps > 0 ? new Throttle(_o.MaxRps, _real) : null;
        _perKbSeconds = _o.ServiceTimePerKb.TotalSeconds;
        _noServiceTime = _o.ServiceTime.Kind == ServiceTimeKind.Fixed && _o.ServiceTime.Mean == TimeSpan.Zero && _perKbSeconds == 0;
    }

    /// <summary>The account named in "not found" messages; the control plane may tell us the real one.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>Middleware entry: handles the invocation path, passes everything else on.</summary>
    public Task Middleware(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value;
        if (path is null || path.Length <= PathPrefix.Length + PathSuffix.Length
            || !path.StartsWith(PathPrefix, StringComparison.Ordinal) || !path.EndsWith(PathSuffix, StringComparison.Ordinal))
            return next(ctx);
        var name = path.AsSpan(PathPrefix.Length, path.Length - PathPrefix.Length - PathSuffix.Length);
        if (name.Contains('/')) return next(ctx);
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            ctx.Response.Headers.Allow = "POST";
            return SageMakerErrors.WriteAsync(ctx, 405, "UnknownOperationException", "InvokeEndpoint is POST /endpoints/{EndpointName}/invocations.");
        }
        if (!name.SequenceEqual(_o.EndpointName))
            return SageMakerErrors.EndpointNotFoundAsync(ctx, name.ToString(), AccountId);
        return InvokeAsync(ctx);
    }

    private async Task InvokeAsync(HttpContext ctx)
    {
        var t0 = _real.GetTimestamp();
        var req = ctx.Request;
        var res = ctx.Response;
        res.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        if (req.ContentLength > MaxPayloadBytes)
        {
            await SageMakerErrors.WriteAsync(ctx, 413, SageMakerErrors.ValidationError, $"Request payload of {req.ContentLength} bytes is larger than the {MaxPayloadBytes} bytes InvokeEndpoint accepts.");
            return;
        }
        var payloadBytes = req.ContentLength ?? -1;
        if (_verifier is not null)
        {
            var verdict = await _verifier.VerifyAsync(ctx);
            if (verdict is not null)
            {
                await SageMakerErrors.WriteAsync(ctx, verdict.Status, verdict.ErrorType, verdict.Message);
                return;
            }
            payloadBytes = req.ContentLength ?? payloadBytes;
        }
        var headers = req.Headers;
        var custom = headers[CustomAttributesHeader];
        if (custom.Count > 0 && custom.ToString().Length > 1024)
        {
            await SageMakerErrors.WriteAsync(ctx, 400, SageMakerErrors.ValidationError, "1 validation error detected: Value at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 1024");
            return;
        }
        var inferenceId = headers[InferenceIdHeader];
        if (inferenceId.Count > 0 && inferenceId.ToString().Length is 0 or > 64)
        {
            await SageMakerErrors.WriteAsync(ctx, 400, SageMakerErrors.ValidationError, "1 validation error detected: Value at 'inferenceId' failed to satisfy constraint: Member must have length between 1 and 64");
            return;
        }

        SimVariant variant;
        var target = headers[TargetVariantHeader];
        if (target.Count > 0)
        {
            var found = _fleet.Find(target.ToString());
            if (found is null)
            {
                await SageMakerErrors.WriteAsync(ctx, 400, SageMakerErrors.ValidationError,
                    $"The variant {target} is not present in the endpoint {_o.EndpointName}. Specify a variant of the endpoint in X-Amzn-SageMaker-Target-Variant.");
                return;
            }
            variant = found;
        }
        else variant = _fleet.ChooseVariant();

        var window = variant.Meter.Current;
        variant.Meter.CountTotal();
        Interlocked.Increment(ref window.Invocations);

        if (_throttle is not null && !_throttle.TryTake())
        {
            Interlocked.Increment(ref window.Throttled);
            Interlocked.Increment(ref window.Invocation4XX);
            await SageMakerErrors.ThrottledAsync(ctx, _o.ThrottleStatus);
            return;
        }

        var instance = variant.Route();
        if (instance is null || !instance.TryAdmit())
        {
            Interlocked.Increment(ref window.Rejected503);
            Interlocked.Increment(ref window.Invocation5XX);
            await SageMakerErrors.ServiceUnavailableAsync(ctx);
            return;
        }

        // Payload size only matters when service time grows with it; read chunked bodies to learn it.
        if (_perKbSeconds > 0 && payloadBytes < 0) payloadBytes = await CountBodyAsync(req, ctx.RequestAborted);

        long t1, t2, tWork;
        bool modelError;
        t1 = _real.GetTimestamp();
        try
        {
            await instance.AcquireWorkerAsync();
            tWork = _real.GetTimestamp();
            try
            {
                if (!_noServiceTime)
                {
                    var seconds = _o.ServiceTime.Kind == ServiceTimeKind.Fixed
                        ? _o.ServiceTime.MeanSeconds
                        : _o.ServiceTime.SampleSeconds(instance.Rng.NextDouble(), instance.Rng.NextDouble());
                    if (payloadBytes > 0) seconds += _perKbSeconds * payloadBytes / 1024.0;
                    seconds *= variant.ServiceTimeFactor;
                    if (seconds > 0)
                    {
                        if (_o.Work == WorkKind.Cpu) CpuWork.Burn(seconds, _real);
                        else await Task.Delay(TimeSpan.FromSeconds(seconds), _real);
                    }
                }
                modelError = _o.ErrorRate > 0 && instance.Rng.NextDouble() < _o.ErrorRate;
            }
            finally { instance.ReleaseWorker(); }
            t2 = _real.GetTimestamp();
        }
        finally { instance.Leave(); }

        // The window may have been swapped while we served: count where the request ended.
        window = variant.Meter.Current;
        Interlocked.Add(ref window.BusyTicks, t2 - tWork);
        window.ModelLatencyUs.Record((long)((t2 - t1) / _ticksPerMicrosecond));

        if (custom.Count > 0) res.Headers[CustomAttributesHeader] = custom;
        res.Headers[InvokedVariantHeader] = variant.InvokedHeader;
        if (modelError)
        {
            Interlocked.Increment(ref window.ModelErrors);
            Interlocked.Increment(ref window.Invocation5XX);
            RecordOverhead(window, t0, t1, t2);
            await SageMakerErrors.ModelErrorAsync(ctx, 500, "injected model error (--error-rate)", _o.EndpointName, variant.Name, AccountId, _region);
            return;
        }

        var accept = headers.Accept;
        byte[] body;
        StringValues type;
        if (accept.Count == 0 || AcceptsJson(accept)) { body = instance.JsonBody; type = JsonType; }
        else if (accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)) { body = instance.CsvBody; type = CsvType; }
        else
        {
            Interlocked.Increment(ref window.Invocation4XX);
            RecordOverhead(window, t0, t1, t2);
            await SageMakerErrors.ModelErrorAsync(ctx, 406, $"the model cannot produce '{accept}'; it answers application/json or text/csv", _o.EndpointName, variant.Name, AccountId, _region);
            return;
        }
        RecordOverhead(window, t0, t1, t2);
        res.StatusCode = 200;
        res.Headers.ContentType = type;
        res.ContentLength = body.Length;
        await res.Body.WriteAsync(body, ctx.RequestAborted);
    }

    /// <summary>Time outside the model: before admission, and after the model finished until the answer is written.</summary>
    private void RecordOverhead(Metrics.MetricWindow window, long t0, long t1, long t2)
    {
        var t3 = _real.GetTimestamp();
        window.OverheadLatencyUs.Record((long)(((t1 - t0) + (t3 - t2)) / _ticksPerMicrosecond));
    }

    private static bool AcceptsJson(StringValues accept)
    {
        foreach (var a in accept)
        {
            if (a is null) continue;
            if (a.Contains("json", StringComparison.OrdinalIgnoreCase) || a.Contains("*/*", StringComparison.Ordinal)
                || a.Contains("application/*", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static async Task<long> CountBodyAsync(HttpRequest req, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = await req.Body.ReadAsync(buffer, ct)) > 0) total += n;
        return total;
    }

    internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}

/// <summary>Burns real CPU on the calling thread for a given time (the <c>--work cpu</c> model).</summary>
public static class CpuWork
{
    private static long _sink;

    public static void Burn(double seconds, TimeProvider time)
    {
        var end = time.GetTimestamp() + (long)(seconds * time.TimestampFrequency);
        ulong x = 0x9E3779B97F4A7C15UL;
        while (time.GetTimestamp() < end)
            for (var i = 0; i < 256; i++) x = Fleet.CounterRng.Mix(x);
        Volatile.Write(ref _sink, (long)x); // keep the work observable so the JIT cannot drop it
    }
}
