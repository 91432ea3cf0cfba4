namespace MolGrid.Grains.Contracts;

/// <summary>What a work grain answers: where the batch ran and whether this call stored its results (false when
/// an earlier attempt already had: results are insert-if-absent, so a retried batch never counts twice). The
/// values themselves go to the store, not back over the wire.</summary>
[GenerateSerializer, Alias("molgrid.work-receipt")]
public sealed record WorkReceipt([property: Id(0)] string Silo, [property: Id(1)] bool Stored, [property: Id(2)] int Molecules);
