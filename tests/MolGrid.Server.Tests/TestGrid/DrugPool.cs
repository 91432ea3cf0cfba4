namespace MolGrid.Server.Tests.TestGrid;

/// <summary>Marketed drugs' SMILES (Fixtures/drug_pool.smi, hand-written common knowledge) that the test double "discovers".</summary>
internal static class DrugPool
{
    public static readonly IReadOnlyList<string> Smiles = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drug_pool.smi"))
        .Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToList();
}
