namespace MolGrid.Grains.Contracts;

/// <summary>What a work grain answers: where the batch ran, whether this call stored its results (false when an
/// earlier attempt already had: results are insert-if-absent, so a retried batch never counts twice), and the
/// results it stored, so the campaign grain need not read them back at the round's end. The stored row stays the
/// record: a campaign resumed mid-round, or a batch this call did not store, reads it from the store.</summary>
[GenerateSerializer, Alias("molgrid.work-receipt")]
public sealed record WorkReceipt([property: Id(0)] string Silo, [property: Id(1)] bool Stored, [property: Id(2)] int Molecules,
    [property: Id(3)] string? ResultsJson = null);
