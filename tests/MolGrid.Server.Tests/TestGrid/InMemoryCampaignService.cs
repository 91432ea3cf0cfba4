using System.Collections.Concurrent;
using System.Globalization;
using MolGrid.Grains;
using MolGrid.Molecules;

namespace MolGrid.Server.Tests.TestGrid;

/// <summary>
/// TEST DOUBLE at the ICampaignService seam (the real grid lives on the grid branch and is tested there).
/// It runs each campaign as a timer that "scores" a fixed pool of drug SMILES in rounds, with real RDKit
/// descriptors, and answers candidate queries with real substructure and similarity filtering, so the API
/// and dashboard are exercised against genuine chemistry. Spec: "key: value" lines; known keys name,
/// budget, batch; any other key is refused naming it, as the grid does.
/// </summary>
public sealed class InMemoryCampaignService : ICampaignService, IDisposable
{
    private readonly ConcurrentDictionary<string, Run> _runs = new();
    private int _next;

    /// <summary>Every accepted submission, for tests that check what reached the grid.</summary>
    public ConcurrentQueue<CampaignSubmission> Submissions { get; } = new();

    public TimeSpan RoundDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    private sealed class Run
    {
        public required CampaignInfo Info;
        public required int Batch;
        public readonly List<RoundProgress> Rounds = [];
        public readonly List<Candidate> Scored = [];
        public bool CancelRequested;
        public Timer? Timer;
        public readonly object Gate = new();
    }

    public Task<CampaignInfo> SubmitAsync(CampaignSubmission s, CancellationToken ct)
    {
        string name = "campaign";
        int budget = 40, batch = 8;
        foreach (var raw in s.Spec.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidInputException(line, "expected 'key: value'");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim().Trim('"');
            switch (key)
            {
                case "name": name = value; break;
                case "budget": budget = PositiveInt(key, value); break;
                case "batch": batch = PositiveInt(key, value); break;
                default: throw new InvalidInputException(key, "unknown spec key");
            }
        }
        var id = $"c{Interlocked.Increment(ref _next):D4}";
        var info = new CampaignInfo(id, name, s.Owner, CampaignStatus.Running, 0, 0, budget, null, DateTimeOffset.UtcNow.AddSeconds(_next), null, null);
        Submissions.Enqueue(s);
        var run = new Run { Info = info, Batch = batch };
        _runs[id] = run;
        run.Timer = new Timer(_ => Step(run), null, RoundDelay, RoundDelay);
        return Task.FromResult(info);
    }

    private static int PositiveInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new InvalidInputException(key, "must be a positive whole number");

    private void Step(Run run)
    {
        lock (run.Gate)
        {
            if (run.Info.Status != CampaignStatus.Running) return;
            if (run.CancelRequested) { Finish(run, CampaignStatus.Cancelled); return; }
            var round = run.Info.Round + 1;
            var start = run.Info.OracleCalls;
            var n = Math.Min(run.Batch, run.Info.Budget - start);
            var batch = new List<Candidate>();
            for (var i = 0; i < n; i++)
            {
                var smiles = DrugPool.Smiles[(start + i) % DrugPool.Smiles.Count];
                batch.Add(Score(smiles, round));
            }
            // The grid keeps one record per molecule key; a molecule found again is not a new candidate.
            foreach (var c in batch)
                if (!run.Scored.Exists(o => o.MoleculeKey == c.MoleculeKey)) run.Scored.Add(c);
            var best = batch.Max(c => c.Score);
            var bestSoFar = run.Scored.Max(c => c.Score);
            run.Rounds.Add(new RoundProgress(round, start + n, best, batch.Average(c => c.Score), bestSoFar, DateTimeOffset.UtcNow));
            run.Info = run.Info with { Round = round, OracleCalls = start + n, BestScore = bestSoFar };
            if (run.Info.OracleCalls >= run.Info.Budget) Finish(run, CampaignStatus.Completed);
        }
    }

    private static void Finish(Run run, CampaignStatus status)
    {
        run.Info = run.Info with { Status = status, FinishedAt = DateTimeOffset.UtcNow };
        run.Timer?.Dispose();
    }

    internal static Candidate Score(string smiles, int round)
    {
        using var mol = MoleculeParser.ParseSmiles(smiles);
        var canonical = MoleculeWriter.CanonicalSmiles(mol);
        var d = Descriptors.Compute(mol);
        var descriptors = new Dictionary<string, double>();
        foreach (var name in new[] { "mw", "clogp", "tpsa", "hbd", "hba", "rotatable_bonds", "heavy_atoms" }) descriptors[name] = d[name];
        var mwFit = Math.Exp(-Math.Pow((d.MolWt - 350) / 150, 2));
        var logpFit = Math.Exp(-Math.Pow((d.CLogP - 2.5) / 2, 2));
        var components = new Dictionary<string, double> { ["mw_fit"] = mwFit, ["logp_fit"] = logpFit };
        return new Candidate(MoleculeKey.FromCanonicalSmiles(canonical), canonical, 0, mwFit * logpFit, round, components, descriptors, null);
    }

    public Task<IReadOnlyList<CampaignInfo>> ListAsync(string? owner, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CampaignInfo>>(_runs.Values.Select(r => r.Info).Where(i => owner is null || i.Owner == owner).ToList());

    public Task<CampaignInfo?> GetAsync(string id, CancellationToken ct) =>
        Task.FromResult(_runs.TryGetValue(id, out var r) ? r.Info : null);

    public Task<bool> CancelAsync(string id, CancellationToken ct)
    {
        if (!_runs.TryGetValue(id, out var r)) return Task.FromResult(false);
        lock (r.Gate)
        {
            if (r.Info.Status != CampaignStatus.Running) return Task.FromResult(false);
            r.CancelRequested = true;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<RoundProgress>> GetProgressAsync(string id, CancellationToken ct)
    {
        if (!_runs.TryGetValue(id, out var r)) return Task.FromResult<IReadOnlyList<RoundProgress>>([]);
        lock (r.Gate) return Task.FromResult<IReadOnlyList<RoundProgress>>(r.Rounds.ToList());
    }

    public Task<CandidatePage> QueryCandidatesAsync(string id, CandidateQuery q, CancellationToken ct)
    {
        var ranked = Ranked(id);
        IEnumerable<Candidate> rows = ranked;
        foreach (var (name, range) in q.Ranges ?? new Dictionary<string, ValueRange>())
            rows = rows.Where(c => Value(c, name) is { } v && (range.Min is null || v >= range.Min) && (range.Max is null || v <= range.Max));
        if (q.Substructure is not null)
        {
            using var pattern = MoleculeParser.ParseSmarts(q.Substructure);
            rows = rows.Where(c => { using var m = MoleculeParser.ParseSmiles(c.Smiles); return Substructure.HasMatch(m, pattern); }).ToList();
        }
        if (q.SimilarTo is not null)
        {
            using var probe = MoleculeParser.ParseSmiles(q.SimilarTo);
            var fp = Fingerprints.MorganBits(probe);
            rows = rows.Where(c => { using var m = MoleculeParser.ParseSmiles(c.Smiles); return Similarity.Tanimoto(fp, Fingerprints.MorganBits(m)) >= q.MinSimilarity; }).ToList();
        }
        Func<Candidate, double> key = c => Value(c, q.SortBy) ?? double.NegativeInfinity;
        var list = (q.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(c => c.Rank).ToList();
        var items = list.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToList();
        return Task.FromResult(new CandidatePage(q.Page, q.PageSize, list.Count, items));
    }

    private static double? Value(Candidate c, string name) =>
        name switch
        {
            "score" => c.Score,
            "rank" => c.Rank,
            "round" => c.Round,
            _ => c.Components.TryGetValue(name, out var v) ? v : c.Descriptors.TryGetValue(name, out var d) ? d : null,
        };

    private List<Candidate> Ranked(string id)
    {
        if (!_runs.TryGetValue(id, out var r)) return [];
        List<Candidate> scored;
        lock (r.Gate) scored = r.Scored.ToList();
        return scored.OrderByDescending(c => c.Score).ThenBy(c => c.MoleculeKey, StringComparer.Ordinal)
            .Select((c, i) => c with { Rank = i + 1 }).ToList();
    }

    public Task<Candidate?> GetCandidateAsync(string id, string key, CancellationToken ct) =>
        Task.FromResult(Ranked(id).FirstOrDefault(c => c.MoleculeKey == key));

    public void Dispose()
    {
        foreach (var r in _runs.Values) r.Timer?.Dispose();
    }
}
