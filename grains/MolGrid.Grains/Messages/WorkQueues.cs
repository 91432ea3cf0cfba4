namespace MolGrid.Grains.Messages;

/// <summary>Queue names: one work queue per capability so GPU and docking silos only take their kind.</summary>
public static class WorkQueues
{
    public static string For(string capability) => $"molgrid-score-{capability}";

    /// <summary>Durable queue of Fault&lt;ScoreBatch&gt; events: poison batches are recorded from here.</summary>
    public const string BatchFaults = "molgrid-batch-faults";
}
