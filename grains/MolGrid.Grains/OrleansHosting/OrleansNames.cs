namespace MolGrid.Grains;

/// <summary>Names MolGrid registers with Orleans.</summary>
public static class OrleansNames
{
    /// <summary>The grain storage provider for MolGrid's grains (<c>[PersistentState(..., Storage)]</c>).</summary>
    public const string Storage = "molgrid";

    /// <summary>The ADO.NET invariant of PostgreSQL, as Orleans' providers name Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";
}
