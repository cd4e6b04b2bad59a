using System.Threading.Channels;

namespace LoadLab.SimEndpoint.Llm;

/// <summary>One request's generation: its tokens come out of <see cref="Tokens"/> (the token's index), then it completes.</summary>
public sealed class LlmSequence
{
    private readonly Channel<int> _tokens = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    internal LlmSequence(LlmPrompt prompt) => Prompt = prompt;

    public LlmPrompt Prompt { get; }
    public ChannelReader<int> Tokens => _tokens.Reader;
    /// <summary>The batch size of the step that produced this sequence's first token (what made its TTFT).</summary>
    public int JoinedBatch { get; internal set; }
    internal int Emitted;
    internal bool Prefilled;
    internal volatile bool Cancelled;

    internal void Emit(int index) => _tokens.Writer.TryWrite(index);
    internal void Complete() => _tokens.Writer.TryComplete();

    /// <summary>The client went away: the sequence leaves the batch at the next step.</summary>
    public void Cancel() => Cancelled = true;
}

/// <summary>
/// Continuous batching for one simulated instance: sequences join the running batch at the next step when a place is
/// free (FIFO otherwise), each step lasts <see cref="LlmTiming.StepSeconds"/> on the injected clock and gives one token to
/// every sequence in the batch, and finished sequences leave at once. The loop runs only while there is work.
/// Admission (the queue bound, and 503 when it is full) is the instance's, before <see cref="Submit"/>.
/// </summary>
public sealed class LlmBatcher(LlmOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Queue<LlmSequence> _waiting = new();
    private readonly List<LlmSequence> _batch = [];
    private bool _running;

    /// <summary>Sequences being decoded now.</summary>
    public int Active
    {
        get { lock (_gate) return _batch.Count; }
    }

    /// <summary>Sequences waiting for a place in the batch.</summary>
    public int Waiting
    {
        get { lock (_gate) return _waiting.Count; }
    }

    public LlmSequence Submit(LlmPrompt prompt)
    {
        var s = new LlmSequence(prompt);
        lock (_gate)
        {
            _waiting.Enqueue(s);
            if (_running) return s;
            _running = true;
        }
        _ = Task.Run(RunAsync);
        return s;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            long joiningTokens = 0;
            int batch;
            lock (_gate)
            {
                _batch.RemoveAll(s =>
                {
                    if (!s.Cancelled) return false;
                    s.Complete();
                    return true;
                });
                while (_batch.Count < options.MaxBatch && _waiting.Count > 0)
                {
                    var s = _waiting.Dequeue();
                    if (s.Cancelled) { s.Complete(); continue; }
                    _batch.Add(s);
                }
                if (_batch.Count == 0)
                {
                    _running = false;
                    return;
                }
                batch = _batch.Count;
                foreach (var s in _batch)
                    if (!s.Prefilled) joiningTokens += s.Prompt.InputTokens;
            }

            await Task.Delay(TimeSpan.FromSeconds(LlmTiming.StepSeconds(options, batch, joiningTokens)), time).ConfigureAwait(false);

            lock (_gate)
            {
                for (var i = _batch.Count - 1; i >= 0; i--)
                {
                    var s = _batch[i];
                    if (!s.Prefilled)
                    {
                        s.Prefilled = true;
                        s.JoinedBatch = batch;
                    }
                    s.Emit(s.Emitted++);
                    if (s.Emitted >= s.Prompt.OutputTokens || s.Cancelled)
                    {
                        s.Complete();
                        _batch.RemoveAt(i);
                    }
                }
            }
        }
    }
}
