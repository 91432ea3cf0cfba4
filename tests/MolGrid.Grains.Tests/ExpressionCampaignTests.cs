using MolGrid.Grains.Planning;
using MolGrid.Pipelines.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MolGrid.Grains.Tests;

/// <summary>A campaign whose spec picks its targets from expression data gets them from the file uploaded with
/// it: AML vs ALL on the shipped Golub matrix points at PGD, which is docked, so the plan sends work to docking
/// silos; without the file the campaign is refused and nothing is stored.</summary>
public sealed class ExpressionCampaignTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-expression-campaign-").FullName;
    private static readonly string Root = MolGrid.Harness.Scratch.MolgridChild.RepoRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Spec => $$"""
        name: aml-from-expression
        seed: 5
        budget: 40
        generator: {type: graph_ga, population_size: 10, offspring_size: 10, start_file: chembl_like_10k.smi, start_size: 10}
        scoring:
          components:
            - {type: qed, name: qed}
        targets:
          case: AML
          control: ALL
          catalogue: {{Path.Combine(Root, "samples", "targets", "catalogue.yaml")}}
          params: {exhaustiveness: 1, timeout_s: 60}
          anti_params: {max_train: 100}
        """;

    private DesignPlanOptions Options => new() { SpecDirectory = Path.Combine(Root, "samples", "design"), DataRoots = [Path.Combine(Root, "samples"), _dir] };

    [Theory]
    [InlineData("generator: {type: graph_ga, start_file: /etc/hostname}", "generator.start_file")]
    [InlineData("generator: {type: graph_ga, start_file: ../../../../../../etc/hostname}", "generator.start_file")]
    [InlineData("targets: {case: AML, control: ALL, catalogue: /dev/zero}", "targets.catalogue")]
    [InlineData("scoring: {components: [{type: qsar_gp, name: q, params: {data: /dev/zero}}]}", "scoring.components[0].params.data")]
    [InlineData("scoring: {components: [{type: qsar, name: q, params: {model: dmpnn, file: /etc/hostname}}]}", "scoring.components[0].params.file")]
    [InlineData("scoring: {components: [{type: qsar, name: q, params: {model: gbm, data: ../../../../../../dev/zero}}]}", "scoring.components[0].params.data")]
    public void FilesOutsideTheDataDirectoriesAreRefusedBeforeTheyAreOpened(string line, string key)
    {
        var spec = $$"""
            name: outside
            {{(line.StartsWith("generator") ? line : "generator: {type: graph_ga, start_smiles: [CCO]}")}}
            {{(line.StartsWith("scoring") ? line : "scoring: {components: [{type: qed}]}")}}
            {{(line.StartsWith("targets") ? line : "")}}
            """;
        var e = Assert.ThrowsAny<InvalidInputException>(() => new DesignPlanFactory(Options).Create(spec, null));
        Assert.Equal(key, e.Input);
        Assert.Contains("outside the server's data directories", e.Reason);
    }

    [Fact]
    public void TheUploadedExpressionFileChoosesADockedTargetAndTheHergPenalty()
    {
        var golub = File.ReadAllBytes(Path.Combine(Root, "samples", "expression", "golub_all_vs_aml.csv"));
        var plan = new DesignPlanFactory(Options).Create(Spec, new CampaignSubmission(Spec, "chemist", "golub.csv", golub));

        Assert.Equal(["qed", "target_PGD", "anti_KCNH2"], plan.Components.Select(c => c.Name));
        Assert.Equal(Capabilities.Docking, plan.Components.Single(c => c.Name == "target_PGD").Capability);
        Assert.Equal(Capabilities.Cpu, plan.Components.Single(c => c.Name == "anti_KCNH2").Capability);
    }

    /// <summary>Silos rebuild the campaign's plan from the stored submission, uploads included, so the targets the
    /// expression file chose are scored on the grid too. A test catalogue scores PGD with a small QSAR model (the
    /// benzodiazepine set, standing in for a real PGD assay) so that no docking is needed.</summary>
    [Fact]
    public async Task SilosScoreTheTargetsTheUploadedExpressionFileChose()
    {
        var targets = Path.Combine(Root, "samples", "targets");
        var catalogue = Path.Combine(_dir, "catalogue.yaml");
        File.WriteAllText(catalogue, $$"""
            version: 1
            targets:
              - id: PGD
                gene: PGD
                role: target
                qsar: {data: {{Path.Combine(targets, "bzr_activity.csv")}}, smiles_column: smiles, activity_column: activity}
              - id: KCNH2
                gene: KCNH2
                role: anti_target
                qsar: {data: {{Path.Combine(targets, "chembl_herg_pIC50.csv")}}, smiles_column: smiles, activity_column: hERG_pIC50}
            """);
        var spec = Spec.Replace(Path.Combine(Root, "samples", "targets", "catalogue.yaml"), catalogue)
            .Replace("params: {exhaustiveness: 1, timeout_s: 60}", "params: {max_train: 100}");
        var golub = File.ReadAllBytes(Path.Combine(Root, "samples", "expression", "golub_all_vs_aml.csv"));
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(Options);
            s.AddMolGridEmbedded(_dir, o => o.Slots = 2);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();
        var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec, "chemist", "golub.csv", golub), CancellationToken.None)).Id;
        var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == CampaignStatus.Completed, done.Error);

        var page = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);
        Assert.Equal(done.OracleCalls, page.Total);
        Assert.All(page.Items, c => Assert.Null(c.Error));
        Assert.All(page.Items, c => Assert.InRange(c.Components["target_PGD.raw"], 3.0, 11.0)); // predicted pIC50
        Assert.All(page.Items, c => Assert.InRange(c.Components["anti_KCNH2.raw"], 3.0, 11.0));

        // A page far past the end is empty ((page - 1) * size once overflowed int and wrapped to page 1's rows).
        var beyond = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(Page: 1_000_000_000, PageSize: 500), CancellationToken.None);
        Assert.Empty(beyond.Items);
        Assert.Equal(page.Total, beyond.Total);
    }

    [Fact]
    public async Task WithoutTheExpressionFileTheCampaignIsRefusedAndNothingIsStored()
    {
        using var host = await GridHosts.StartAsync(s =>
        {
            s.AddSingleton(Options);
            s.AddMolGridEmbedded(_dir, o => o.Slots = 1);
        });
        var campaigns = host.Services.GetRequiredService<ICampaignService>();

        var e = await Assert.ThrowsAnyAsync<InvalidInputException>(() => campaigns.SubmitAsync(new CampaignSubmission(Spec, "chemist"), CancellationToken.None));
        Assert.Equal("targets", e.Input);
        Assert.Empty(await campaigns.ListAsync(null, CancellationToken.None));
    }
}
