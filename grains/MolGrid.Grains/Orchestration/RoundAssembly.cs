using System.Text.Json;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Store;
using MolGrid.Molecules;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Grains.Orchestration;

/// <summary>
/// The pure parts of a campaign grain's round: cutting proposals into batches per capability, combining stored
/// batch results into scores in proposal order (whichever silo computed them and in whatever order they came
/// back), and the rows that record a finished round.
/// </summary>
internal static class RoundAssembly
{
    /// <summary>The round's batches per capability: at most <see cref="CampaignPlan.BatchSize"/> molecules each, of
    /// even sizes, and as many as <paramref name="parallelism"/> (the slots that will run them) whenever there are
    /// enough molecules, so no slot idles while another works through a longer batch. A Graph GA round of 50 on 2
    /// slots was one batch of 32 and one of 18. Batching never changes scores, only which work unit holds a molecule.</summary>
    public static IReadOnlyList<ScoreBatch> Batches(string campaignId, string spec, CampaignPlan plan, int round, IReadOnlyList<string> proposals,
        int parallelism = 1)
    {
        var molecules = Molecules(proposals);
        var capabilities = plan.Components.Select(c => c.Capability).Distinct()
            .OrderBy(c => Capabilities.All.ToList().IndexOf(c)).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var chunks = EvenChunks(molecules, plan.BatchSize, Math.Max(1, parallelism));
        return capabilities.SelectMany(cap => chunks.Select((chunk, i) => new ScoreBatch
        {
            CampaignId = campaignId, Round = round, BatchId = $"r{round:D5}-{cap}-{i:D5}", Capability = cap, Spec = spec, Molecules = chunk,
        })).ToList();
    }

    /// <summary>Contiguous chunks of sizes differing by at most one; their count is the fewest that respect
    /// <paramref name="maxSize"/>, rounded up to a multiple of <paramref name="parallelism"/> (never more than the items).</summary>
    internal static IReadOnlyList<T[]> EvenChunks<T>(IReadOnlyList<T> items, int maxSize, int parallelism)
    {
        if (items.Count == 0) return [];
        var count = (items.Count + maxSize - 1) / maxSize;
        count = Math.Min(items.Count, (count + parallelism - 1) / parallelism * parallelism);
        var chunks = new T[count][];
        for (var c = 0; c < count; c++)
        {
            var from = (int)((long)items.Count * c / count);
            var to = (int)((long)items.Count * (c + 1) / count);
            chunks[c] = items.Skip(from).Take(to - from).ToArray();
        }
        return chunks;
    }

    /// <summary>Scores in proposal order from the round's stored results; a component with no stored value
    /// (its batch failed or never came back) fails that molecule with a reason.</summary>
    /// <param name="lost">Why a molecule's batch never came back (molecule key to reason), so its failure says so.</param>
    public static IReadOnlyList<MoleculeScore> Combine(CampaignPlan plan, IReadOnlyList<string> proposals, IEnumerable<IReadOnlyList<BatchResultItem>> batches,
        IReadOnlyDictionary<string, string>? lost = null)
    {
        var raw = Molecules(proposals).ToDictionary(m => m.Key, _ => new Dictionary<string, ComponentResult>(StringComparer.Ordinal));
        foreach (var batch in batches)
            foreach (var item in batch)
            {
                if (!raw.TryGetValue(item.Key, out var values)) continue;
                foreach (var (name, v) in item.Values)
                    values[name] = item.Errors is { } errs && errs.TryGetValue(name, out var err) ? ComponentResult.Fail(err) : ComponentResult.Ok(v ?? double.NaN);
            }
        foreach (var (key, values) in raw)
        {
            var reason = lost is not null && lost.TryGetValue(key, out var why) ? why : "no result from the grid";
            foreach (var c in plan.Components)
                values.TryAdd(c.Name, ComponentResult.Fail(reason));
        }
        return proposals.Select(s => plan.Combine(s, raw[MoleculeKey.FromCanonicalSmiles(s)])).ToList();
    }

    /// <summary>A batch's results as the work grain stored them (<see cref="BatchResultRow.ResultsJson"/>).</summary>
    public static IReadOnlyList<BatchResultItem> ParseResults(string resultsJson) =>
        JsonSerializer.Deserialize<List<BatchResultItem>>(resultsJson, StoreJson.Options)!;

    /// <summary>The round's progress row, its candidate rows and the best score so far (null when none).</summary>
    public static (RoundRow Progress, IReadOnlyList<CandidateRow> Candidates, double? BestSoFar) Record(string campaignId, CampaignPlan plan,
        DesignState after, IReadOnlyList<MoleculeScore> scores, int batches, int failedBatches)
    {
        var ok = scores.Where(s => !s.Failed).Select(s => s.Total).ToList();
        var bestSoFar = after.Scored.Where(s => !s.Failed).Select(s => s.Total).DefaultIfEmpty(double.NaN).Max();
        var progress = new RoundRow
        {
            CampaignId = campaignId, Round = after.Round, OracleCalls = after.OracleCalls,
            BestScore = ok.Count > 0 ? ok.Max() : 0, MeanScore = ok.Count > 0 ? ok.Average() : 0,
            BestSoFar = double.IsNaN(bestSoFar) ? 0 : bestSoFar, At = GridStore.Now, Batches = batches, FailedBatches = failedBatches,
        };
        // Seq numbers the candidates in the order first scored, which is the design history's order: the round's
        // scores were appended to the end of after.Scored in proposal order.
        var firstSeq = after.Scored.Count - scores.Count;
        var unique = scores.Select((s, i) => (Score: s, Seq: (long)(firstSeq + i))).DistinctBy(x => x.Score.Smiles).ToList();
        // Each molecule is parsed for its descriptors on its own thread (an RDKit molecule belongs to one), on every
        // core: the round waits for this, while the in-process runner computes descriptors only for what it writes.
        var descriptors = new string[unique.Count];
        Parallel.For(0, unique.Count, i => descriptors[i] = plan.RecordDescriptors ? DescriptorsJson(unique[i].Score.Smiles) : "{}");
        var candidates = unique.Select((x, i) => new CandidateRow
        {
            CampaignId = campaignId, MoleculeKey = MoleculeKey.FromCanonicalSmiles(x.Score.Smiles), Smiles = x.Score.Smiles,
            Score = double.IsFinite(x.Score.Total) ? x.Score.Total : 0, Round = after.Round, Seq = x.Seq,
            ComponentsJson = JsonSerializer.Serialize(x.Score.Components.Where(kv => double.IsFinite(kv.Value)).ToDictionary(), StoreJson.Options),
            DescriptorsJson = descriptors[i], Error = x.Score.Error,
        }).ToList();
        return (progress, candidates, double.IsNaN(bestSoFar) ? null : bestSoFar);
    }

    private static List<BatchMolecule> Molecules(IReadOnlyList<string> proposals) =>
        proposals.Select(s => new BatchMolecule(MoleculeKey.FromCanonicalSmiles(s), s)).DistinctBy(m => m.Key).ToList();

    private static string DescriptorsJson(string smiles)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _)) return "{}";
        using (mol)
        {
            var d = Descriptors.Compute(mol!);
            return JsonSerializer.Serialize(MolDescriptors.Names.ToDictionary(n => n, n => d[n]), StoreJson.Options);
        }
    }
}
