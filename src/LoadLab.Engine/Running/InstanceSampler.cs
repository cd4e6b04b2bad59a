using System.Globalization;
using System.Text;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.RunFiles;

namespace LoadLab.Engine.Running;

/// <summary>
/// Samples DescribeEndpoint while a run drives a SageMaker endpoint and appends the variant's desired and current
/// instance counts (and the endpoint status) to <c>instances.csv</c> (<see cref="InstanceSamplesCsv"/>), which
/// collect merges into metrics.json. One sample when started, one every <see cref="InstanceSamplingOptions.Interval"/>,
/// one when stopped. Each sample is appended and the file closed at once, so an interrupted run keeps every sample
/// taken. The first failure (AccessDenied, throttling after the AWS layer's retries, network, a missing variant, the
/// file) gives one warning through <paramref name="warn"/> and ends sampling: sampling never fails a run.
/// </summary>
public sealed class InstanceSampler(ISageMakerClient sageMaker, string endpoint, string variant, string path,
    InstanceSamplingOptions options, TimeProvider time, Action<string> warn)
{
    private readonly InstanceSamplingOptions _options = Validated(options);
    private bool _fileStarted;
    private bool _failed;
    private bool _warnedNoCounts;

    /// <summary>Rows written to instances.csv so far.</summary>
    public int Samples { get; private set; }

    /// <summary>Told of every sample written (the run's live instance count and its event stream).</summary>
    public Action<InstanceCountSample>? Sampled { get; init; }

    /// <summary>The one warning given, or null.</summary>
    public string? Warning { get; private set; }

    /// <summary>Samples until <paramref name="stop"/> is cancelled, then takes the last sample and returns. Never throws.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var first = time.GetUtcNow();
        if (await TrySampleAsync(stop).ConfigureAwait(false))
        {
            while (!stop.IsCancellationRequested)
            {
                // Slots are counted from the first sample, so sample times do not drift with call latency.
                var now = time.GetUtcNow();
                var slot = Math.Floor((now - first) / _options.Interval) + 1;
                var due = first + _options.Interval * slot;
                try { await Task.Delay(due - now, time, stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
                // False: it failed (then no more calls), or the stop cancelled a call in flight (then the last sample).
                if (!await TrySampleAsync(stop).ConfigureAwait(false)) break;
            }
        }
        if (_failed) return;
        // The last sample happens after the load stopped, so it has its own (short) deadline, not the stop token.
        using var deadline = new CancellationTokenSource(_options.FinalSampleTimeout, time);
        await TrySampleAsync(deadline.Token, final: true).ConfigureAwait(false);
    }

    /// <summary>False when sampling must end: it failed, or <paramref name="ct"/> stopped it.</summary>
    private async Task<bool> TrySampleAsync(CancellationToken ct, bool final = false)
    {
        var at = time.GetUtcNow();
        DescribeEndpointResponse described;
        try
        {
            described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint }, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !final)
        {
            return false;
        }
        catch (Exception e)
        {
            Fail(e is OperationCanceledException
                ? $"the last DescribeEndpoint call took longer than {_options.FinalSampleTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
                : Describe(e));
            return false;
        }

        var v = described.ProductionVariants?.FirstOrDefault(x => x.VariantName == variant);
        if (v is null)
        {
            var names = described.ProductionVariants is { Count: > 0 } list ? string.Join(", ", list.Select(x => x.VariantName)) : "none";
            Fail($"endpoint '{endpoint}' has no variant '{variant}' (its variants: {names})");
            return false;
        }
        if (v.DesiredInstanceCount is not { } desired || v.CurrentInstanceCount is not { } current)
        {
            // An endpoint being created reports no counts yet: nothing to record, but keep sampling.
            if (!_warnedNoCounts && Warning is null)
            {
                _warnedNoCounts = true;
                warn($"DescribeEndpoint gave no instance counts for {endpoint}/{variant} (status {described.EndpointStatus ?? "unknown"}); those samples are skipped");
            }
            return true;
        }

        try
        {
            var sample = new InstanceCountSample(at, desired, current, described.EndpointStatus);
            Append(sample);
            Sampled?.Invoke(sample);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"cannot write {path}: {e.Message}");
            return false;
        }
        return true;
    }

    private void Append(InstanceCountSample sample)
    {
        var text = InstanceSamplesCsv.Write([sample]);
        if (_fileStarted)
            text = text[(text.IndexOf('\n') + 1)..];   // the header only once, when this run starts the file
        using (var stream = new FileStream(path, _fileStarted ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: false);
        }
        _fileStarted = true;
        Samples++;
    }

    private static InstanceSamplingOptions Validated(InstanceSamplingOptions o)
    {
        o.Validate();
        return o;
    }

    private void Fail(string reason)
    {
        _failed = true;
        Warning = $"DescribeEndpoint sampling of {endpoint}/{variant} stopped after {Samples} sample(s): {reason.TrimEnd('.', ' ')}. " +
                  (Samples > 0 ? $"{Path.GetFileName(path)} keeps the samples taken" : $"no {Path.GetFileName(path)}: collect reads the instance count once");
        warn(Warning);
    }

    private static string Describe(Exception e) => e switch
    {
        AwsServiceException a => $"{a.ErrorCode}: {a.ErrorMessage}",
        _ => e.Message,
    };
}
