namespace MolGrid.Harness;

public sealed record FaultResult(string Name, bool Passed, int Lost, int Duplicated, string Detail);

public sealed record FaultSummary(IReadOnlyList<FaultResult> Results)
{
    public int Passed => Results.Count(r => r.Passed);
    public int Total => Results.Count;
    public int Lost => Results.Sum(r => r.Lost);
    public int Duplicated => Results.Sum(r => r.Duplicated);
    public string Line => $"faults {Passed}/{Total} lost={Lost} duplicated={Duplicated}";
}
