using MolGrid.Pipelines.Benchmarks.Pmo;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>Every target or reference molecule the PMO oracles compare against (rediscovery and similarity
/// targets, the MPO references, the median pairs, the hop target, valsartan_smarts' reference). A prior that
/// will be benchmarked on PMO must not have seen these or their close analogues in training.</summary>
public static class PmoReferenceMolecules
{
    public static IReadOnlyList<(string Name, string Smiles)> All { get; } =
    [
        ("albuterol", PmoOracles.Albuterol), ("mestranol", PmoOracles.Mestranol), ("celecoxib", PmoOracles.Celecoxib),
        ("troglitazone", PmoOracles.Troglitazone), ("thiothixene", PmoOracles.Thiothixene),
        ("amlodipine", PmoOracles.Amlodipine), ("fexofenadine", PmoOracles.Fexofenadine),
        ("osimertinib", PmoOracles.Osimertinib), ("perindopril", PmoOracles.Perindopril),
        ("ranolazine", PmoOracles.Ranolazine), ("sitagliptin", PmoOracles.Sitagliptin), ("zaleplon", PmoOracles.Zaleplon),
        ("camphor", PmoOracles.Camphor), ("menthol", PmoOracles.Menthol), ("tadalafil", PmoOracles.Tadalafil),
        ("sildenafil", PmoOracles.Sildenafil), ("hop_target", PmoOracles.HopTarget),
        ("valsartan_smarts_reference", PmoOracles.ValsartanSitagliptin),
    ];
}
