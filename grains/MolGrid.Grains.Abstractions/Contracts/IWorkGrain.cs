namespace MolGrid.Grains.Contracts;

/// <summary>
/// Scores one batch on a silo that has its capability. Key: <see cref="WorkKey.For"/>(capability,
/// "campaign/batch"), so a resend of a batch reaches the same activation. Placed by MolGrid's capability
/// director; the response timeout is long because docking batches take minutes. Cancelling the call (the
/// campaign was cancelled mid-round) stops the batch where it is: a batch still waiting for a slot never
/// starts, one being scored stops at its next molecule, and nothing is stored for it.
/// </summary>
[Alias("molgrid.work")]
public interface IWorkGrain : IGrainWithStringKey
{
    [Alias("score"), ResponseTimeout("00:30:00")]
    Task<WorkReceipt> ScoreAsync(WorkRequest request, CancellationToken cancellationToken = default);
}
