namespace MolGrid.Pipelines.Design.Generators;

/// <summary>
/// Graph GA (Jensen 2019) as PMO runs it: a mating pool of population_size parents drawn with probability
/// proportional to score (plus 1e-12, so zero-scored parents stay possible), then offspring_size children,
/// each crossover of two random mating-pool members followed by mutation with probability mutation_rate.
/// </summary>
public sealed class GraphGaLoop(DesignSpec spec, DesignLoopOptions options, IReadOnlyList<string> startCandidates)
    : EvolutionaryLoop(spec, options, startCandidates)
{
    protected override IReadOnlyList<string?> Breed(IReadOnlyList<(string Smiles, double Score)> population, long seed, int round)
    {
        var weights = population.Select(p => Math.Max(p.Score, 0) + 1e-12).ToArray();
        var poolRng = new DesignRandom(seed, round, -1);
        var pool = new string[Generator.PopulationSize];
        for (var i = 0; i < pool.Length; i++) pool[i] = population[poolRng.WeightedIndex(weights)].Smiles;

        return ForEachChild(Generator.OffspringSize, seed, round, (_, rng) =>
        {
            var a = rng.Choice(pool);
            var b = rng.Choice(pool);
            var child = GraphGaCrossover.Crossover(a, b, rng);
            return child is null ? null : GraphGaMutation.Mutate(child, Generator.MutationRate, rng);
        });
    }
}
