using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Planning;
using MolGrid.Grains.Services;
using MolGrid.Grains.Store;
using MolGrid.Molecules;

namespace MolGrid.Grains.Tests;

/// <summary>
/// Candidate queries run in the database (ranking, value windows, sort, paging) and test SMILES only for
/// substructure and similarity filters. Every query here must return exactly what the service returned when it
/// loaded every candidate and filtered in memory: that implementation is kept below as the reference.
/// </summary>
[Collection("cluster")]
public sealed class CandidateQueryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-candidate-query-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private const string Spec = """
        name: candidate-query-test
        seed: 3
        budget: 120
        generator:
          type: graph_ga
          population_size: 20
          offspring_size: 30
          start_file: chembl_like_10k.smi
          start_size: 40
        scoring:
          aggregation: geometric
          components:
            - {type: qed, name: qed, weight: 2}
            - {type: descriptor, name: tpsa, params: {descriptor: tpsa}, transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}}
        """;

    private static string Samples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "samples", "design");
        }
    }

    [Fact]
    public async Task Queries_in_the_database_return_what_the_in_memory_filters_returned()
    {
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(new DesignPlanOptions { SpecDirectory = Samples, BatchSize = 8 });
            s.AddMolGridEmbedded(_dir, o => o.Slots = 2);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(Spec, "chemist"), CancellationToken.None)).Id;
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == CampaignStatus.Completed, done.Error);
        var all = CampaignService.Rank(await host.Services.GetRequiredService<GridStore>().GetCandidatesAsync(id, CancellationToken.None));
        Assert.True(all.Count >= 100, $"only {all.Count} candidates");

        var top = all[0];
        var middle = all[all.Count / 2];
        static Dictionary<string, ValueRange> R(params (string Name, double? Lo, double? Hi)[] r) => r.ToDictionary(x => x.Name, x => new ValueRange(x.Lo, x.Hi));
        var queries = new List<CandidateQuery>
        {
            new(),
            new(Page: 2, PageSize: 7),
            new(Page: 1000, PageSize: 7),
            new(Ranges: R(("qed", 0.5, null), ("mw", null, 350))),
            // Exactly at stored values: the JSON numbers must come back as the very doubles written.
            new(Ranges: R(("qed", middle.Components["qed"], middle.Components["qed"]))),
            new(Ranges: R(("qed.raw", middle.Components["qed.raw"], null))),
            new(Ranges: R(("mw", middle.Descriptors["mw"], middle.Descriptors["mw"]))),
            new(Ranges: R(("score", middle.Score, top.Score))),
            // The component named tpsa (transformed) shadows the descriptor tpsa.
            new(Ranges: R(("tpsa", 0.9, null))),
            new(Ranges: R(("rank", 3, 10)), SortBy: "mw", Descending: false),
            new(Ranges: R(("round", 1, 2)), SortBy: "round"),
            new(Ranges: R(("nope", null, 1))),
            new(SortBy: "rank", Descending: false),
            new(SortBy: "round", Descending: true),
            new(SortBy: "qed", Descending: false),
            new(SortBy: "hbd", Descending: true, PageSize: 200),
            new(SortBy: "smiles", Descending: false),
            new(SortBy: "smiles", Descending: true, Page: 3, PageSize: 11),
            new(SortBy: "nope"),
            new(Substructure: "c1ccccc1"),
            new(Substructure: "c1ccccc1", SortBy: "mw", Page: 2, PageSize: 5),
            new(SimilarTo: top.Smiles, MinSimilarity: 0.3),
            new(SimilarTo: middle.Smiles, MinSimilarity: 0.2, Substructure: "[#7]", Ranges: R(("qed", 0.4, null)), SortBy: "tpsa"),
        };
        await AssertQueriesAsync(campaigns, id, all, queries);

        // The same rows in PostgreSQL (collation, JSON operators and parameter types differ there).
        await using var db = await MolGrid.Harness.Scratch.PostgresScratch.CreateAsync("molgrid_candidates");
        var pg = new GridStore(MolGrid.Grains.Configuration.StoreAddress.Parse(db.Url));
        var row = (await host.Services.GetRequiredService<GridStore>().GetCampaignAsync(id, CancellationToken.None))! with { Status = nameof(CampaignStatus.Running), LeaseOwner = null, LeaseUntil = 0, Round = 0 };
        await pg.InsertCampaignAsync(row, CancellationToken.None);
        Assert.True(await pg.TryLeaseAsync(id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        var rows = await host.Services.GetRequiredService<GridStore>().GetCandidatesAsync(id, CancellationToken.None);
        Assert.True(await pg.SaveRoundAsync(id, "test", 0, "{}", rows.Count, top.Score, new RoundRow { CampaignId = id, Round = 1 }, rows, CancellationToken.None));
        var onPostgres = new CampaignService(pg, host.Services.GetRequiredService<CampaignPlanner>(), new StoreCampaignLauncher(pg));
        await AssertQueriesAsync(onPostgres, id, all, queries);
        AssertSame(middle, (await onPostgres.GetCandidateAsync(id, middle.MoleculeKey, CancellationToken.None))!);
    }

    private static async Task AssertQueriesAsync(ICampaignService campaigns, string id, IReadOnlyList<Candidate> all, IReadOnlyList<CandidateQuery> queries)
    {
        var middle = all[all.Count / 2];
        foreach (var q in queries)
        {
            var expected = Reference(all, q);
            var page = await campaigns.QueryCandidatesAsync(id, q, CancellationToken.None);
            var skip = (long)(q.Page - 1) * q.PageSize;
            var want = expected.Skip((int)Math.Min(skip, expected.Count)).Take(q.PageSize).ToList();
            Assert.True(expected.Count == page.Total, $"{q}: total {page.Total}, expected {expected.Count}");
            Assert.True(want.Select(c => (c.MoleculeKey, c.Rank)).SequenceEqual(page.Items.Select(c => (c.MoleculeKey, c.Rank))), $"{q}: page differs");
            Assert.All(page.Items, c => AssertSame(all[c.Rank - 1], c)); // the whole record, values exact
        }
        var top = all[0];
        Assert.Contains((await campaigns.QueryCandidatesAsync(id, queries[4], CancellationToken.None)).Items, c => c.MoleculeKey == middle.MoleculeKey);

        var export = await campaigns.ExportCandidatesAsync(id, new CandidateQuery(Substructure: "c1ccccc1"), 10, CancellationToken.None);
        Assert.Equal(Reference(all, new CandidateQuery(Substructure: "c1ccccc1")).Take(10).Select(c => c.MoleculeKey), export.Select(c => c.MoleculeKey));
        Assert.All(export, c => AssertSame(all[c.Rank - 1], c));
        AssertSame(middle, (await campaigns.GetCandidateAsync(id, middle.MoleculeKey, CancellationToken.None))!);
        Assert.Null(await campaigns.GetCandidateAsync(id, "no-such-key", CancellationToken.None));
        // Similarity fingerprints are kept by key for the next query.
        Assert.NotNull(CandidateFingerprints.Shared.Get(top.MoleculeKey));
    }

    [Fact]
    public void The_fingerprint_cache_is_bounded_and_drops_its_oldest_first()
    {
        var cache = new CandidateFingerprints(3);
        using var mol = MoleculeParser.ParseSmiles("CCO");
        var fp = Fingerprints.MorganBits(mol, 2, 2048);
        foreach (var k in new[] { "a", "b", "c", "d" }) cache.Add(k, fp);
        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Get("a"));
        Assert.NotNull(cache.Get("d"));
    }

    private static void AssertSame(Candidate expected, Candidate actual)
    {
        Assert.Equal((expected.MoleculeKey, expected.Smiles, expected.Rank, expected.Score, expected.Round, expected.Error),
            (actual.MoleculeKey, actual.Smiles, actual.Rank, actual.Score, actual.Round, actual.Error));
        Assert.Equal(expected.Components.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Components.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Descriptors.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Descriptors.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    /// <summary>The service's former in-memory implementation: filters over the ranked candidates, then the sort.</summary>
    private static List<Candidate> Reference(IReadOnlyList<Candidate> ranked, CandidateQuery query)
    {
        IEnumerable<Candidate> items = ranked;
        if (query.Ranges is { Count: > 0 } ranges)
            items = items.Where(c => ranges.All(r => Value(c, r.Key) is { } v && (r.Value.Min is not { } lo || v >= lo) && (r.Value.Max is not { } hi || v <= hi)));
        if (!string.IsNullOrWhiteSpace(query.Substructure))
        {
            var pattern = MoleculeParser.ParseSmarts(query.Substructure);
            items = items.Where(c => WithMolecule(c.Smiles, m => Substructure.HasMatch(m, pattern))).ToList();
        }
        if (!string.IsNullOrWhiteSpace(query.SimilarTo))
        {
            BitFingerprint reference;
            using (var r = MoleculeParser.ParseSmiles(query.SimilarTo)) reference = Fingerprints.MorganBits(r, 2, 2048);
            items = items.Where(c => WithMolecule(c.Smiles, m => Similarity.Tanimoto(Fingerprints.MorganBits(m, 2, 2048), reference) >= query.MinSimilarity)).ToList();
        }
        if (query.SortBy is "smiles")
            return (query.Descending ? items.OrderByDescending(c => c.Smiles, StringComparer.Ordinal) : items.OrderBy(c => c.Smiles, StringComparer.Ordinal)).ToList();
        var key = string.IsNullOrWhiteSpace(query.SortBy) ? "score" : query.SortBy;
        var ordered = items.OrderBy(c => Value(c, key) is null ? 1 : 0);
        ordered = query.Descending ? ordered.ThenByDescending(c => Value(c, key) ?? 0) : ordered.ThenBy(c => Value(c, key) ?? 0);
        return ordered.ThenBy(c => c.Rank).ToList();
    }

    private static double? Value(Candidate c, string name) => name switch
    {
        "score" => c.Score,
        "rank" => c.Rank,
        "round" => c.Round,
        _ => c.Components.TryGetValue(name, out var v) ? v : c.Descriptors.TryGetValue(name, out var d) ? d : null,
    };

    private static bool WithMolecule(string smiles, Func<Molecule, bool> test)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _)) return false;
        using (mol) return test(mol!);
    }
}
