namespace MolGrid.Pipelines.Design;

/// <summary>Progress after each round of an in-process run.</summary>
public sealed record DesignProgress(int Round, int OracleCalls, int Budget, double BestScore, int Proposed);

/// <summary>Runs a design loop in this process until it is done.</summary>
public static class DesignRunner
{
    public static async Task<DesignState> RunAsync(IDesignLoop loop, IBatchScorer scorer, IProgress<DesignProgress>? progress = null,
        CancellationToken cancellationToken = default, int budget = 0)
    {
        var state = loop.Start();
        return await ContinueAsync(loop, state, scorer, progress, cancellationToken, budget).ConfigureAwait(false);
    }

    /// <summary>Continues from a saved state (the loop's steps are pure, so a resumed run ends as an
    /// uninterrupted one would).</summary>
    public static async Task<DesignState> ContinueAsync(IDesignLoop loop, DesignState state, IBatchScorer scorer,
        IProgress<DesignProgress>? progress = null, CancellationToken cancellationToken = default, int budget = 0)
    {
        double best = state.Scored.Where(s => !s.Failed).Select(s => s.Total).DefaultIfEmpty(0).Max();
        while (!loop.IsDone(state))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proposal = loop.Propose(state);
            IReadOnlyList<MoleculeScore> scores = proposal.Count == 0 ? [] : await scorer.ScoreAsync(proposal, cancellationToken).ConfigureAwait(false);
            if (scores.Count != proposal.Count)
                throw new InvalidOperationException($"the scorer returned {scores.Count} scores for {proposal.Count} molecules");
            state = loop.Accept(state, scores);
            foreach (var s in scores)
                if (!s.Failed && s.Total > best) best = s.Total;
            progress?.Report(new DesignProgress(state.Round, state.OracleCalls, budget, best, proposal.Count));
        }
        return state;
    }
}
