using MolGrid.Pipelines.Design;

namespace MolGrid.Harness.Synthetic;

/// <summary>
/// A small, deterministic design loop for grid tests and benchmarks: each round appends a token to parents
/// drawn from the best molecules so far. Random numbers come from (seed, round, index) only, so the same
/// state and scores give the same next state wherever the scores were computed.
/// </summary>
public sealed class SyntheticDesignLoop(SyntheticSpec spec) : IDesignLoop
{
    private static readonly string[] StartPopulation = ["CCO", "CCN", "CCC", "CCOC", "CNC", "OCCO", "CC(C)C", "CC(=O)O"];
    private static readonly string[] Tokens = ["C", "N", "O", "CC", "CO", "CN", "C(C)", "C(O)", "C(N)", "C(=O)"];

    public DesignState Start() => new() { Round = 0, OracleCalls = 0, Seed = spec.Seed, Population = StartPopulation, Scored = [] };

    public bool IsDone(DesignState state) => state.OracleCalls >= spec.Budget;

    public IReadOnlyList<string> Propose(DesignState state)
    {
        if (IsDone(state)) return [];
        var want = Math.Min(spec.RoundSize, spec.Budget - state.OracleCalls);
        var seen = new HashSet<string>(state.Scored.Select(s => s.Smiles), StringComparer.Ordinal);
        var proposals = new List<string>(want);
        for (long i = 0; proposals.Count < want; i++)
        {
            var r = Mix((ulong)state.Seed, (ulong)state.Round, (ulong)i);
            var parent = state.Population[(int)(r % (ulong)state.Population.Count)];
            var child = parent + Tokens[(int)((r >> 20) % (ulong)Tokens.Length)];
            // Longer tails once short ones are used up keep proposals new without unbounded retries.
            if (i >= want * 4L) child += Tokens[(int)((r >> 40) % (ulong)Tokens.Length)] + Tokens[(int)(i % Tokens.Length)];
            if (seen.Add(child)) proposals.Add(child);
        }
        return proposals;
    }

    public DesignState Accept(DesignState state, IReadOnlyList<MoleculeScore> scores)
    {
        var scored = state.Scored.Concat(scores).ToList();
        var population = scored.Where(s => !s.Failed)
            .OrderByDescending(s => s.Total).ThenBy(s => s.Smiles, StringComparer.Ordinal)
            .Take(spec.Population).Select(s => s.Smiles).ToList();
        return state with
        {
            Round = state.Round + 1,
            OracleCalls = state.OracleCalls + scores.Count,
            Population = population.Count > 0 ? population : state.Population,
            Scored = scored,
        };
    }

    private static ulong Mix(ulong a, ulong b, ulong c)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL) * 0xC2B2AE3D27D4EB4FUL ^ (c + 1) * 0x165667B19E3779F9UL;
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
