using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Docking;
using MolGrid.Pipelines.Qsar;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Pipelines.Tests.Targets;

/// <summary>The affinity scorers are usable from a campaign spec through the design engine's registry.</summary>
public class TargetScorerRegistrationTests
{
    private static string Catalogue => RepoFiles.Sample("targets", "catalogue.yaml");

    [Fact]
    public void DefaultRegistryKnowsTheTargetTypes()
    {
        var types = ComponentRegistry.Default.Types;
        foreach (var t in new[] { "qsar_gp", "qsar_mlp", "vina", "target" }) Assert.Contains(t, types);
    }

    [Fact]
    public async Task SpecWithCatalogueTargetsBuildsAndScores()
    {
        var yaml = $"""
            name: bzr-demo
            seed: 1
            budget: 10
            generator: {"{"}type: graph_ga, start_smiles: [CCO]{"}"}
            scoring:
              aggregation: arithmetic
              components:
                - type: target
                  name: gabra1
                  params: {"{"}target: GABRA1, catalogue: '{Catalogue}'{"}"}
                - type: target
                  name: pgd_dock
                  params: {"{"}target: PGD, catalogue: '{Catalogue}', exhaustiveness: 1{"}"}
            """;
        var spec = DesignSpec.Parse(yaml, "test.yaml");
        var fn = ScoringFunction.Create(spec, ComponentRegistry.Default);
        var gp = Assert.IsType<QsarScoringComponent>(fn.Components[0]);
        Assert.Equal("gabra1", gp.Name);
        Assert.Equal("gp", gp.Model.Kind);
        Assert.StartsWith("gp-v1-data-", gp.Version);
        var vina = Assert.IsType<VinaScoringComponent>(fn.Components[1]);
        Assert.Equal(Capabilities.Docking, vina.Capability);

        // Diazepam is in the BZR training set: the GP should predict close to its measured 8.09 (pIC50 scale).
        var diazepam = ScoringMolecule.FromSmiles("CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21");
        var r = await gp.ComputeAsync([diazepam], default);
        Assert.InRange(r[0].Value, 7.0, 9.0);
    }

    [Fact]
    public void ShippedCampaignSpecBuilds()
    {
        var path = RepoFiles.Sample("targets", "aml_pgd_campaign.yaml");
        var spec = DesignSpec.Parse(File.ReadAllText(path), path);
        // The spec names no catalogue: the host supplies the default (./molgrid: $MOLGRID_HOME's).
        var registry = ComponentRegistry.CreateDefault().AddTargetScorers(new TargetScorerOptions { CataloguePath = Catalogue });
        var fn = ScoringFunction.Create(spec, registry);
        Assert.Equal(["pgd_vina", "herg_pic50", "qed"], fn.Components.Select(c => c.Name));
        Assert.Equal(Capabilities.Docking, fn.Components[0].Capability);
        Assert.Contains("-max1000", fn.Components[1].Version);
    }

    [Fact]
    public void SavedModelAndDataRoutesAgree()
    {
        var data = RepoFiles.Sample("targets", "bzr_activity.csv");
        var fromData = (QsarScoringComponent)ComponentRegistry.Default.Create(ComponentConfig.Create("qsar_mlp", "m",
            parameters: new Dictionary<string, object> { ["data"] = data, ["activity_column"] = "activity", ["seed"] = 2 }));
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-reg-{Guid.NewGuid():N}.json");
        try
        {
            QsarModelFile.Save(fromData.Model, path);
            var fromFile = (QsarScoringComponent)ComponentRegistry.Default.Create(ComponentConfig.Create("qsar_mlp", "m",
                parameters: new Dictionary<string, object> { ["model"] = path }));
            using var m = ScoringMolecule.FromSmiles("Cc1nnc2n1-c1ccc(Cl)cc1C(c1ccccc1)=NC2");
            Assert.Equal(((IFingerprintQsarModel)fromData.Model).Predict(m.Morgan2).Mean, ((IFingerprintQsarModel)fromFile.Model).Predict(m.Morgan2).Mean);
            Assert.Throws<SpecException>(() => ComponentRegistry.Default.Create(ComponentConfig.Create("qsar_gp", "g",
                parameters: new Dictionary<string, object> { ["model"] = path })));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BadParamsAreSpecErrors()
    {
        var reg = ComponentRegistry.Default;
        Assert.Contains("not in", Assert.Throws<SpecException>(() => reg.Create(ComponentConfig.Create("target", "t",
            parameters: new Dictionary<string, object> { ["target"] = "EGFR", ["catalogue"] = Catalogue }))).Message);
        Assert.Contains("no docking receptor", Assert.Throws<SpecException>(() => reg.Create(ComponentConfig.Create("target", "t",
            parameters: new Dictionary<string, object> { ["target"] = "KCNH2", ["catalogue"] = Catalogue, ["method"] = "vina" }))).Message);
        Assert.Contains("unknown key", Assert.Throws<SpecException>(() => reg.Create(ComponentConfig.Create("target", "t",
            parameters: new Dictionary<string, object> { ["target"] = "PGD", ["catalogue"] = Catalogue, ["receptor"] = "x.pdbqt" }))).Message);
        Assert.Contains("needs 'model'", Assert.Throws<SpecException>(() => reg.Create(ComponentConfig.Create("qsar_gp", "g"))).Message);
    }
}
