using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Expression;
using MolGrid.Pipelines.Scoring;
using MolGrid.Pipelines.Targets;

namespace MolGrid.Pipelines.Tests.Targets;

/// <summary>A campaign's `targets:` section picks its affinity components from the expression data: on the
/// shipped Golub matrix PGD is up in AML (limma, checked against R in the expression tests), so an AML-vs-ALL
/// campaign docks against PGD and penalises the hERG anti-target.</summary>
public class ExpressionTargetSelectionTests
{
    private static readonly string Catalogue = RepoFiles.Sample("targets", "catalogue.yaml");

    private static DesignSpec Spec(string targets) => DesignSpec.Parse($$"""
        name: aml-from-expression
        seed: 3
        budget: 50
        generator: {type: graph_ga, start_smiles: [CCO, c1ccccc1O]}
        scoring:
          components:
            - {type: qed, name: qed}
        targets:
        {{targets}}
        """, "test spec");

    private static ExpressionMatrix Golub => ExpressionMatrixReader.Read(RepoFiles.GolubCsv);

    [Fact]
    public void AmlVersusAllAddsADockingComponentForPgdAndAHergPenalty()
    {
        var spec = Spec($"  {{case: AML, control: ALL, catalogue: {Catalogue}, params: {{exhaustiveness: 1}}, anti_params: {{max_train: 100}}}}");
        var selection = ExpressionTargetSelection.Apply(spec, Golub);

        Assert.Equal(["PGD"], selection.Targets.Select(t => t.Target.Id));
        Assert.Equal(["KCNH2"], selection.AntiTargets.Select(t => t.Target.Id));
        Assert.Equal(["qed", "target_PGD", "anti_KCNH2"], selection.Spec.Scoring.Components.Select(c => c.Name));
        var pgd = selection.Spec.Scoring.Components[1];
        Assert.Equal("reverse_sigmoid", pgd.Transform!.Type);
        Assert.Equal(2.0, pgd.Weight);
        Assert.Equal("1", pgd.Params.String("exhaustiveness"));

        // The components are real scorers: PGD is docked (docking silos), hERG predicted by a GP (CPU silos).
        var fn = ScoringFunction.Create(selection.Spec, ComponentRegistry.Default);
        Assert.Equal(Capabilities.Docking, fn.Components.Single(c => c.Name == "target_PGD").Capability);
        Assert.Equal(Capabilities.Cpu, fn.Components.Single(c => c.Name == "anti_KCNH2").Capability);
    }

    [Fact]
    public void AParameterTheScorerDoesNotReadIsRejectedNamingTheBlock()
    {
        var spec = Spec($"  {{case: AML, control: ALL, catalogue: {Catalogue}, params: {{max_train: 100}}}}");
        var selected = ExpressionTargetSelection.Apply(spec, Golub).Spec;
        var e = Assert.Throws<SpecException>(() => ScoringFunction.Create(selected, ComponentRegistry.Default));
        Assert.StartsWith("targets.params", e.Input);
        Assert.Contains("max_train", e.Input);
    }

    [Fact]
    public void ReversedGroupsFindNoTargetAndSayWhy()
    {
        // PGD is down in ALL relative to AML: an inhibitor would deepen the change, so nothing qualifies.
        var spec = Spec($"  {{case: ALL, control: AML, catalogue: {Catalogue}}}");
        var e = Assert.Throws<SpecException>(() => ExpressionTargetSelection.Apply(spec, Golub));
        Assert.Equal("targets", e.Input);
        Assert.Contains("PGD", e.Reason);
    }

    [Fact]
    public void ATargetsSectionWithoutExpressionDataIsASpecError()
    {
        var e = Assert.Throws<SpecException>(() => ExpressionTargetSelection.Apply(Spec("  {case: AML, control: ALL}"), null));
        Assert.Equal("targets", e.Input);
        Assert.Contains("--expression", e.Reason);
    }

    [Fact]
    public void AGroupThatMatchesNoSampleNamesTheCaseKey()
    {
        var spec = Spec($"  {{case: CML, control: ALL, catalogue: {Catalogue}}}");
        var e = Assert.Throws<SpecException>(() => ExpressionTargetSelection.Apply(spec, Golub));
        Assert.Equal("targets.case", e.Input);
    }

    [Fact]
    public void ABrokenUploadIsNamedAsTheUploadNotAsATemporaryFile()
    {
        var e = Assert.Throws<ExpressionDataException>(() => ExpressionTargetSelection.ReadUploaded("mine.csv", "probe,A_1,B_1\np1,1.0,abc\n"u8.ToArray()));
        Assert.Equal("expression", e.Input);
        Assert.StartsWith("mine.csv: ", e.Reason);
        Assert.DoesNotContain(Path.GetTempPath(), e.Reason);
    }

    [Fact]
    public void ASpecWithoutTargetsIsUnchanged()
    {
        var spec = DesignSpec.Parse("name: x\ngenerator: {start_smiles: [CCO]}\nscoring: {components: [{type: qed}]}\n", "t");
        Assert.Same(spec, ExpressionTargetSelection.Apply(spec, Golub).Spec);
    }

    [Theory]
    [InlineData("  {case: AML}", "targets.control")]
    [InlineData("  {case: AML, control: aml}", "targets.control")]
    [InlineData("  {case: AML, control: ALL, top: 0}", "targets.top")]
    [InlineData("  {case: AML, control: ALL, method: magic}", "targets.method")]
    [InlineData("  {case: AML, control: ALL, colour: red}", "targets.colour")]
    [InlineData("  {case: AML, control: ALL, params: [1, 2]}", "targets.params")]
    public void BadTargetsSectionsNameTheKey(string targets, string key)
    {
        var e = Assert.Throws<SpecException>(() => Spec(targets));
        Assert.Equal(key, e.Input);
    }
}
