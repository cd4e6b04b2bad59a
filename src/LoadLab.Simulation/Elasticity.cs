using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation;

/// <summary>
/// SPEC Research Group elasticity metrics, as defined in N. Herbst, A. Bauer, S. Kounev, G. Oikonomou, E. van Eyk,
/// G. Kousiouris, A. Evangelinou, R. Krebs, T. Brecht, C. L. Abad, A. Iosup, "Quantifying Cloud Performance and
/// Dependability: Taxonomy, Metric Design, and Emerging Challenges" / the SPEC RG Cloud report "Ready for Rain? A View
/// from SPEC Research on the Future of Cloud Metrics" (SPEC-RG-2016-01), section on elasticity. With demand d_t (the
/// minimal number of instances that meets the SLO) and supply s_t (instances in service), over T minutes:
/// <list type="bullet">
/// <item>under-provisioning accuracy θ_U = 100/T · Σ max(d_t − s_t, 0) / max(d_t, ε) · Δt (%)</item>
/// <item>over-provisioning accuracy θ_O = 100/T · Σ max(s_t − d_t, 0) / max(d_t, ε) · Δt (%)</item>
/// <item>under/over-provisioning timeshare τ_U, τ_O = 100/T · Σ max(sgn(d_t − s_t), 0) · Δt (resp. s_t − d_t) (%)</item>
/// <item>jitter j = (E_S − E_D) / T, the surplus of supply adaptations over demand adaptations per hour (negative: the
/// supply follows too few of the demand's changes; positive: it oscillates more than the demand).</item>
/// </list>
/// ε = 1 instance here (a real-time endpoint never has fewer), so an idle minute does not divide by zero.
/// </summary>
public sealed class ElasticityAccumulator
{
    private double _under, _over, _underTime, _overTime;
    private int _minutes, _supplyChanges, _demandChanges;
    private double _lastSupply = double.NaN, _lastDemand = double.NaN;

    /// <summary>Adds one minute: required instances (demand) and average instances in service (supply).</summary>
    public void Add(double demand, double supply)
    {
        var d = Math.Max(demand, 1);
        if (demand > supply) { _under += (demand - supply) / d; _underTime++; }
        else if (supply > demand) { _over += (supply - demand) / d; _overTime++; }
        if (!double.IsNaN(_lastSupply) && supply != _lastSupply) _supplyChanges++;
        if (!double.IsNaN(_lastDemand) && demand != _lastDemand) _demandChanges++;
        _lastSupply = supply;
        _lastDemand = demand;
        _minutes++;
    }

    public ElasticityMetrics Result()
    {
        if (_minutes == 0) return new ElasticityMetrics(0, 0, 0, 0, 0);
        double t = _minutes;
        return new ElasticityMetrics(100 * _under / t, 100 * _over / t, 100 * _underTime / t, 100 * _overTime / t,
            (_supplyChanges - _demandChanges) / (t / 60));
    }
}
