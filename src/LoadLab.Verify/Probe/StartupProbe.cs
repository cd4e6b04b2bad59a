using LoadLab.Aws.SageMaker;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Verify.Observers;

namespace LoadLab.Verify.Probe;

/// <summary>What the probe did, as it happens (the CLI words it).</summary>
public abstract record StartupProbeEvent
{
    public sealed record Raised(int From, int To) : StartupProbeEvent;
    public sealed record Sampled(EndpointSample Sample) : StartupProbeEvent;
    public sealed record Restoring(int To) : StartupProbeEvent;
}

/// <summary>
/// Measures one instance startup of a variant: raises its desired count by one with UpdateEndpointWeightsAndCapacities,
/// samples the instance counts until the new instance is in service, then sets the count back, whatever happened
/// (timeout, failure, cancellation). The caller has the user's consent (`--yes`): this changes a live endpoint and is
/// billed for one instance for about its startup.
/// </summary>
public sealed class StartupProbe(IScalingObserver observer, ISageMakerClient sageMaker, string endpoint, string variant, TimeProvider time)
{
    public async Task<StartupProbeFile> RunAsync(StartupProbeOptions options, Action<StartupProbeEvent>? events = null, CancellationToken ct = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new UserInputException(problems);
        var clock = await observer.ClockAsync(ct).ConfigureAwait(false);
        var first = await observer.SampleAsync(ct).ConfigureAwait(false);
        if (first.DesiredInstances is not { } before || first.CurrentInstances is not { } current)
            throw new TargetFailedException($"endpoint {endpoint} has no variant '{variant}' (DescribeEndpoint)");
        if (first.Status != "InService" || current != before)
            throw new TargetFailedException($"endpoint {endpoint} is {first.Status} with {current} of {before} instance(s) of {variant} in service: probe when it is settled, or the measurement would include another change");

        var samples = new List<EndpointSample> { first with { TimeUtc = clock.ToEmulated(first.RealUtc) } };
        var warnings = new List<string>();
        var target = before + 1;
        await SetDesiredAsync(target, ct).ConfigureAwait(false);
        var accepted = time.GetUtcNow();
        events?.Invoke(new StartupProbeEvent.Raised(before, target));
        DateTimeOffset? inService = null;
        var restored = false;
        try
        {
            using var deadline = new CancellationTokenSource(options.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            try
            {
                while (inService is null)
                {
                    await Task.Delay(options.SampleEvery, time, linked.Token).ConfigureAwait(false);
                    var s = await observer.SampleAsync(linked.Token).ConfigureAwait(false);
                    s = s with { TimeUtc = clock.ToEmulated(s.RealUtc) };
                    samples.Add(s);
                    events?.Invoke(new StartupProbeEvent.Sampled(s));
                    if (s.CurrentInstances >= target && s.Status == "InService") inService = s.RealUtc;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                warnings.Add($"the added instance was not in service within {options.Timeout.TotalMinutes:0.#} min: no startup measured");
            }
        }
        finally
        {
            // Always give the capacity back, even when the caller cancelled: the probe must not leave a changed endpoint.
            events?.Invoke(new StartupProbeEvent.Restoring(before));
            await SetDesiredAsync(before, CancellationToken.None).ConfigureAwait(false);
            restored = true;
        }

        var resolution = (clock.ToEmulated(accepted + options.SampleEvery) - clock.ToEmulated(accepted)).TotalSeconds;
        return new StartupProbeFile
        {
            Endpoint = endpoint, Variant = variant, Observer = observer.Description,
            DesiredBefore = before, DesiredDuringProbe = target,
            UpdateAcceptedUtc = clock.ToEmulated(accepted),
            InServiceUtc = inService is { } at ? clock.ToEmulated(at) : null,
            StartupS = inService is { } t ? Math.Round((clock.ToEmulated(t) - clock.ToEmulated(accepted)).TotalSeconds, 1) : null,
            ResolutionS = Math.Round(resolution, 1),
            Restored = restored,
            Samples = samples,
            Warnings = warnings,
        };
    }

    private Task SetDesiredAsync(int count, CancellationToken ct) =>
        sageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = endpoint,
            DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = variant, DesiredInstanceCount = count }],
        }, ct);
}
