using MolGrid.Harness.Synthetic;
using MolGrid.Pipelines.Design;

namespace MolGrid.Harness;

/// <summary>The undistributed baseline for synthetic campaigns: the design loop driven directly in this thread,
/// every molecule scored in order, no bus, no store. The grid must reproduce its ranking whatever the number
/// of silos, the order batches finish in, and the faults along the way.</summary>
public static class SyntheticReference
{
    /// <summary>SMILES from best to worst (failed last, ties by SMILES), as the grid ranks candidates.</summary>
    public static IReadOnlyList<string> Ranking(SyntheticSpec spec, ISet<string>? failed = null)
    {
        var loop = new SyntheticDesignLoop(spec);
        var state = loop.Start();
        while (!loop.IsDone(state))
        {
            var proposals = loop.Propose(state);
            if (proposals.Count == 0) break;
            var scores = proposals.Select(s => failed?.Contains(s) == true
                ? new MoleculeScore(s, 0, new Dictionary<string, double>(), "failed")
                : new MoleculeScore(s, spec.Components.Select(c => SyntheticComponent.Value($"synthetic_{c}", s)).Average(), new Dictionary<string, double>())).ToList();
            state = loop.Accept(state, scores);
        }
        return state.Scored.OrderBy(s => s.Failed ? 1 : 0).ThenByDescending(s => s.Total).ThenBy(s => s.Smiles, StringComparer.Ordinal).Select(s => s.Smiles).ToList();
    }

    /// <summary>The proposals of the first round (to aim fault injections at known molecules).</summary>
    public static IReadOnlyList<string> FirstRound(SyntheticSpec spec)
    {
        var loop = new SyntheticDesignLoop(spec);
        return loop.Propose(loop.Start());
    }
}
