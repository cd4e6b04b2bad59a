namespace LoadLab.SimEndpoint.Theory;

/// <summary>
/// Closed forms of M/M/c with an unbounded FIFO queue: the check on <see cref="QueueSimulation"/> for exponential
/// service times. λ arrival rate, μ service rate of one worker, c workers; stable when λ &lt; cμ.
/// </summary>
public static class ErlangC
{
    /// <summary>Probability an arrival waits (Erlang C formula), computed with the stable Erlang B recursion.</summary>
    public static double WaitProbability(int c, double lambda, double mu)
    {
        var a = lambda / mu;
        if (a >= c) return 1;
        var b = 1.0; // Erlang B for 0 servers
        for (var k = 1; k <= c; k++) b = a * b / (k + a * b);
        var rho = a / c;
        return b / (1 - rho + rho * b);
    }

    /// <summary>P(response time &gt; t): waiting (atom at 0, else Exp(cμ − λ)) plus Exp(μ) service.</summary>
    public static double SojournExceeds(int c, double lambda, double mu, double t)
    {
        var pw = WaitProbability(c, lambda, mu);
        var theta = c * mu - lambda;
        if (theta <= 0) return 1;
        double waitedTail = Math.Abs(theta - mu) < 1e-12 * mu
            ? (1 + mu * t) * Math.Exp(-mu * t) // Erlang(2, μ) when θ = μ
            : (theta * Math.Exp(-mu * t) - mu * Math.Exp(-theta * t)) / (theta - mu);
        return (1 - pw) * Math.Exp(-mu * t) + pw * waitedTail;
    }

    /// <summary>The p-th percentile (0..100) of response time, in seconds.</summary>
    public static double SojournPercentile(int c, double lambda, double mu, double p)
    {
        var target = 1 - p / 100.0;
        double lo = 0, hi = 1 / mu;
        while (SojournExceeds(c, lambda, mu, hi) > target) { hi *= 2; if (hi > 1e9) return double.PositiveInfinity; }
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (SojournExceeds(c, lambda, mu, mid) > target) lo = mid; else hi = mid;
        }
        return hi;
    }

    /// <summary>Highest λ whose p-th response-time percentile stays within the bound (0 if even λ→0 misses it).</summary>
    public static double MaxRateForSlo(int c, double mu, double p, double boundSeconds)
    {
        if (SojournPercentile(c, 1e-9 * mu, mu, p) > boundSeconds) return 0;
        double lo = 0, hi = c * mu;
        for (var i = 0; i < 100; i++)
        {
            var mid = (lo + hi) / 2;
            if (SojournPercentile(c, mid, mu, p) <= boundSeconds) lo = mid; else hi = mid;
        }
        return lo;
    }
}
