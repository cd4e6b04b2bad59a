namespace LoadLab.SimEndpoint.Fleet;

/// <summary>Life of one instance: Pending (starting) → InService → Draining → Terminated.</summary>
public enum InstanceState { Pending, InService, Draining, Terminated }
