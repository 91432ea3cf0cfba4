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
    public static IReadOnlyList<ScoreBatch> Batches(string campaignId, string spec, CampaignPlan plan, int round, IReadOnlyList<string> proposals)
    {
        var molecules = Molecules(proposals);
        var capabilities = plan.Components.Select(c => c.Capability).Distinct()
            .OrderBy(c => Capabilities.All.ToList().IndexOf(c)).ThenBy(c => c, StringComparer.Ordinal).ToList();
        return capabilities.SelectMany(cap => molecules.Chunk(plan.BatchSize).Select((chunk, i) => new ScoreBatch
        {
            CampaignId = campaignId, Round = round, BatchId = $"r{round:D5}-{cap}-{i:D5}", Capability = cap, Spec = spec, Molecules = chunk,
        })).ToList();
    }

    /// <summary>Scores in proposal order from the round's stored results; a component with no stored value
    /// (its batch failed or never came back) fails that molecule with a reason.</summary>
    public static IReadOnlyList<MoleculeScore> Combine(CampaignPlan plan, IReadOnlyList<string> proposals, IReadOnlyList<BatchResultRow> rows)
    {
        var raw = Molecules(proposals).ToDictionary(m => m.Key, _ => new Dictionary<string, ComponentResult>(StringComparer.Ordinal));
        foreach (var row in rows)
            foreach (var item in JsonSerializer.Deserialize<List<BatchResultItem>>(row.ResultsJson, StoreJson.Options)!)
            {
                if (!raw.TryGetValue(item.Key, out var values)) continue;
                foreach (var (name, v) in item.Values)
                    values[name] = item.Errors is { } errs && errs.TryGetValue(name, out var err) ? ComponentResult.Fail(err) : ComponentResult.Ok(v ?? double.NaN);
            }
        foreach (var values in raw.Values)
            foreach (var c in plan.Components)
                values.TryAdd(c.Name, ComponentResult.Fail("no result from the grid"));
        return proposals.Select(s => plan.Combine(s, raw[MoleculeKey.FromCanonicalSmiles(s)])).ToList();
    }

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
        var candidates = scores.DistinctBy(s => s.Smiles).Select(s => new CandidateRow
        {
            CampaignId = campaignId, MoleculeKey = MoleculeKey.FromCanonicalSmiles(s.Smiles), Smiles = s.Smiles,
            Score = double.IsFinite(s.Total) ? s.Total : 0, Round = after.Round,
            ComponentsJson = JsonSerializer.Serialize(s.Components.Where(kv => double.IsFinite(kv.Value)).ToDictionary(), StoreJson.Options),
            DescriptorsJson = plan.RecordDescriptors ? DescriptorsJson(s.Smiles) : "{}", Error = s.Error,
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
