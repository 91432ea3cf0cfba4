using MolGrid.Grains.Planning;
using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Design.Generators;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Grains.Tests;

/// <summary>A real design spec (the design engine's Graph GA, QED/SA/TPSA components) run through the grid
/// must rank exactly as the design engine's own in-process runner ranks it.</summary>
[Collection("cluster")]
public sealed class DesignCampaignTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-design-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Spec = """
        name: grid-design-test
        seed: 11
        budget: 90
        generator:
          type: graph_ga
          population_size: 20
          offspring_size: 30
          start_file: chembl_like_10k.smi
          start_size: 30
        scoring:
          aggregation: geometric
          components:
            - {type: qed, name: qed, weight: 2}
            - {type: sa_score, name: sa, transform: {type: reverse_sigmoid, low: 2, high: 6, k: 0.5}}
            - {type: descriptor, name: tpsa, params: {descriptor: tpsa}, transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}}
        """;

    [Fact]
    public async Task GridRanksADesignCampaignAsTheInProcessRunnerDoes()
    {
        var samples = Path.Combine(MolGrid.Harness.Scratch.MolgridChild.RepoRoot, "samples", "design");
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(new DesignPlanOptions { SpecDirectory = samples, BatchSize = 7 });
            s.AddMolGridEmbedded(_dir, o => o.Slots = 2);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(Spec, "chemist"), CancellationToken.None)).Id;
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == CampaignStatus.Completed, done.Error);
        var grid = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);

        var spec = DesignSpec.Parse(Spec, "test");
        var loop = DesignEngine.CreateLoop(spec, new DesignLoopOptions(), StartPopulation.Candidates(spec.Generator, samples));
        var state = await DesignRunner.RunAsync(loop, new InProcessBatchScorer(ScoringFunction.Create(spec, ComponentRegistry.Default)));
        var reference = CandidateRanking.Rank(state);

        Assert.Equal(reference.Count, grid.Total);
        Assert.Equal(reference.Select(r => r.Smiles), grid.Items.Select(c => c.Smiles));
        Assert.Equal(reference.Select(r => r.Total), grid.Items.Select(c => c.Score));
        Assert.Equal(done.OracleCalls, state.OracleCalls);
        // Descriptors recorded for filtering: TPSA agrees with the component's raw value.
        var top = grid.Items[0];
        Assert.Equal(top.Components["tpsa.raw"], top.Descriptors["tpsa"], 9);

        await FiltersSelectWhatTheyNameAsync(campaigns, id, grid.Items);
    }

    /// <summary>Each filter against the same predicate applied by hand to the full ranked list (RDKit matching
    /// and fingerprints themselves are checked against python-rdkit in the molecules tests).</summary>
    private static async Task FiltersSelectWhatTheyNameAsync(ICampaignService campaigns, string id, IReadOnlyList<Candidate> all)
    {
        async Task<IReadOnlyList<Candidate>> Query(CandidateQuery q) => (await campaigns.QueryCandidatesAsync(id, q with { PageSize = 1000 }, CancellationToken.None)).Items;

        var ranged = await Query(new CandidateQuery(Ranges: new Dictionary<string, ValueRange> { ["qed"] = new(0.5, null), ["mw"] = new(null, 350) }));
        Assert.Equal(all.Where(c => c.Components.TryGetValue("qed", out var q) && q >= 0.5 && c.Descriptors["mw"] <= 350).Select(c => c.Smiles), ranged.Select(c => c.Smiles));
        Assert.All(ranged, c => Assert.Equal(all.Single(a => a.Smiles == c.Smiles).Rank, c.Rank)); // rank is the campaign's, not the page's

        using var ring = MolGrid.Molecules.MoleculeParser.ParseSmarts("c1ccccc1");
        var aromatic = await Query(new CandidateQuery(Substructure: "c1ccccc1"));
        Assert.Equal(all.Where(c => { using var m = MolGrid.Molecules.MoleculeParser.ParseSmiles(c.Smiles); return MolGrid.Molecules.Substructure.HasMatch(m, ring); }).Select(c => c.Smiles), aromatic.Select(c => c.Smiles));

        var byQed = await Query(new CandidateQuery(SortBy: "qed", Descending: false));
        var qeds = byQed.Where(c => c.Components.ContainsKey("qed")).Select(c => c.Components["qed"]).ToList();
        Assert.Equal(qeds.Order().ToList(), qeds);

        var similar = await Query(new CandidateQuery(SimilarTo: all[0].Smiles, MinSimilarity: 0.99));
        Assert.Contains(similar, c => c.Smiles == all[0].Smiles);
        var page2 = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(Page: 2, PageSize: 10), CancellationToken.None);
        Assert.Equal(all.Skip(10).Take(10).Select(c => c.Smiles), page2.Items.Select(c => c.Smiles));
        await Assert.ThrowsAnyAsync<InvalidInputException>(() => Query(new CandidateQuery(Substructure: "c1ccc(")));
        await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 0), CancellationToken.None));

        // Export is the whole filtered, sorted list in one pass, whatever page the query names, and stops at the cap.
        var exported = await campaigns.ExportCandidatesAsync(id, new CandidateQuery(Page: 7, PageSize: 3, SortBy: "qed", Descending: false), all.Count + 5, CancellationToken.None);
        Assert.Equal(byQed.Select(c => c.Smiles), exported.Select(c => c.Smiles));
        var capped = await campaigns.ExportCandidatesAsync(id, new CandidateQuery(), 7, CancellationToken.None);
        Assert.Equal(all.Take(7).Select(c => c.Smiles), capped.Select(c => c.Smiles));
        await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.ExportCandidatesAsync(id, new CandidateQuery(Substructure: "c1ccc("), 10, CancellationToken.None));
    }

    [Fact]
    public async Task BadSpecIsRejectedNamingTheKeyAndNothingIsStored()
    {
        using var host = await GridHosts.StartAsync(s => s.AddMolGridEmbedded(_dir, o => o.Slots = 1));
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var e = await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission(Spec.Replace("budget: 90", "budget: -4"), "chemist"), CancellationToken.None));
        Assert.Contains("budget", e.Message);
        Assert.Empty(await campaigns.ListAsync(null, CancellationToken.None));
    }
}
