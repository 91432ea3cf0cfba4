using MolGrid.Pipelines.Design;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Pipelines.Tests;

public class DesignSpecTests
{
    private const string Valid = """
        name: test
        seed: 7
        budget: 500
        generator:
          type: graph_ga
          population_size: 50
          offspring_size: 20
          mutation_rate: 0.1
          start_smiles: [CCO, c1ccccc1O]
        scoring:
          aggregation: geometric
          components:
            - type: qed
              weight: 2
            - type: descriptor
              name: tpsa
              params: {descriptor: tpsa}
              transform: {type: sigmoid, low: 20, high: 100, k: 0.5}
        diversity:
          type: scaffold
          bucket_size: 5
        output:
          top_n: 20
          sdf: 3d
        """;

    [Fact]
    public void ParsesEveryField()
    {
        var s = DesignSpec.Parse(Valid, "valid.yaml");
        Assert.Equal("test", s.Name);
        Assert.Equal(7, s.Seed);
        Assert.Equal(500, s.Budget);
        Assert.Equal(50, s.Generator.PopulationSize);
        Assert.Equal(20, s.Generator.OffspringSize);
        Assert.Equal(0.1, s.Generator.MutationRate);
        Assert.Equal(["CCO", "c1ccccc1O"], s.Generator.StartSmiles);
        Assert.Equal("geometric", s.Scoring.Aggregation);
        Assert.Equal(2, s.Scoring.Components.Count);
        Assert.Equal("qed", s.Scoring.Components[0].Name);
        Assert.Equal(2.0, s.Scoring.Components[0].Weight);
        Assert.Equal("sigmoid", s.Scoring.Components[1].Transform!.Type);
        Assert.True(s.Diversity.Enabled);
        Assert.Equal(5, s.Diversity.BucketSize);
        Assert.Equal("3d", s.Output.SdfCoordinates);
        var fn = ScoringFunction.Create(s, ComponentRegistry.Default);
        Assert.Equal(["qed", "tpsa"], fn.Components.Select(c => c.Name));
    }

    [Fact]
    public void JsonIsAccepted()
    {
        var s = DesignSpec.Parse("""{"name": "j", "budget": 10, "generator": {"start_smiles": ["CCO"]}, "scoring": {"components": [{"type": "qed"}]}}""", "j.json");
        Assert.Equal("j", s.Name);
        Assert.Equal(10, s.Budget);
        Assert.Equal("graph_ga", s.Generator.Type);
    }

    [Fact]
    public void ExampleSpecParsesAndBuilds()
    {
        var path = Path.Combine(TestData.RepoRoot, "samples", "design", "example.yaml");
        var s = DesignSpec.Parse(File.ReadAllText(path), path);
        Assert.Equal(4, ScoringFunction.Create(s, ComponentRegistry.Default).Components.Count);
    }

    public static IEnumerable<object[]> BadSpecs() =>
    [
        ["budget: 500", "budgett: 500", "budgett"],
        ["budget: 500", "budget: -5", "budget"],
        ["budget: 500", "budget: lots", "budget"],
        ["name: test", "name: ''", "name"],
        ["name: test", "title: test", "title"], // an unknown top-level key is named before the missing one
        ["type: graph_ga", "type: vae", "generator.type"],
        ["mutation_rate: 0.1", "mutation_rate: 1.5", "generator.mutation_rate"],
        ["population_size: 50", "populaton_size: 50", "generator.populaton_size"],
        ["start_smiles: [CCO, c1ccccc1O]", "start_size: 3", "generator"],
        ["aggregation: geometric", "aggregation: [geometric]", "scoring.aggregation"],
        ["      weight: 2", "      weight: -1", "scoring.components[0].weight"],
        ["      name: tpsa", "      name: qed", "scoring.components[1].name"],
        ["      params: {descriptor: tpsa}", "      params: [tpsa]", "scoring.components[1].params"],
        ["  type: scaffold", "  type: fancy", "diversity.type"],
        ["  bucket_size: 5", "  bucket_size: 0", "diversity.bucket_size"],
        ["  sdf: 3d", "  sdf: 4d", "output.sdf"],
        ["  top_n: 20", "  top_n: 20\n  colour: blue", "output.colour"],
    ];

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void BadKeysAndValuesNameTheirPath(string from, string to, string path)
    {
        Assert.Contains(from, Valid);
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse(Valid.Replace(from, to), "bad.yaml"));
        Assert.Equal(path, e.Input);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        Assert.IsAssignableFrom<InvalidInputException>(e);
    }

    public static IEnumerable<object[]> BadScoring() =>
    [
        ["- type: qed", "- type: qsar_unknown", "scoring.components[0].type"],
        ["params: {descriptor: tpsa}", "params: {descriptor: polarity}", "scoring.components[1].params.descriptor"],
        ["params: {descriptor: tpsa}", "params: {descriptor: tpsa, radius: 2}", "scoring.components[1].params.radius"],
        ["{type: sigmoid, low: 20, high: 100, k: 0.5}", "{type: smooth, low: 20}", "scoring.components[1].transform.type"],
        ["{type: sigmoid, low: 20, high: 100, k: 0.5}", "{type: sigmoid, low: 20}", "scoring.components[1].transform.high"],
        ["{type: sigmoid, low: 20, high: 100, k: 0.5}", "{type: sigmoid, low: 20, high: 10}", "scoring.components[1].transform.high"],
        ["{type: sigmoid, low: 20, high: 100, k: 0.5}", "{type: sigmoid, low: 20, high: 100, slope: 1}", "scoring.components[1].transform.slope"],
        ["aggregation: geometric", "aggregation: harmonic", "scoring.aggregation"],
        ["- type: qed", "- type: similarity\n      params: {smiles: [CCO, 'C1CC']}", "scoring.components[0].params.smiles[1]"],
        ["- type: qed", "- type: substructure\n      params: {smarts: '[C'}", "scoring.components[0].params.smarts"],
        ["- type: qed", "- type: pmo\n      params: {task: drd2}", "scoring.components[0].params.task"],
        ["- type: qed", "- type: alerts\n      params: {catalogs: [pains, nope]}", "scoring.components[0].params.catalogs[1]"],
    ];

    [Theory]
    [MemberData(nameof(BadScoring))]
    public void BadComponentsAreRejectedWhenTheScoringFunctionIsBuilt(string from, string to, string path)
    {
        Assert.Contains(from, Valid);
        var spec = DesignSpec.Parse(Valid.Replace(from, to), "bad.yaml");
        var e = Assert.Throws<SpecException>(() => ScoringFunction.Create(spec, ComponentRegistry.Default));
        Assert.Equal(path, e.Input);
    }

    [Fact]
    public void InvalidYamlNamesTheSource()
    {
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse("name: [unclosed", "broken.yaml"));
        Assert.Equal("broken.yaml", e.Input);
        Assert.Throws<SpecException>(() => DesignSpec.Parse("", "empty.yaml"));
        Assert.Throws<SpecException>(() => DesignSpec.Parse("- a\n- b", "list.yaml"));
    }

    [Fact]
    public void RegistryAcceptsComponentsFromOtherAreas()
    {
        var registry = ComponentRegistry.Default.Register("constant", c => new ConstantComponent(c.Name, c.Params.Double("value", 0.5)));
        var spec = DesignSpec.Parse(Valid.Replace("- type: qed", "- type: constant\n      params: {value: 0.25}"), "x.yaml");
        var fn = ScoringFunction.Create(spec, registry);
        Assert.Equal("constant", fn.Components[0].Name);
        // Default hands out a fresh registry: the registration above did not leak into it.
        Assert.False(ComponentRegistry.Default.IsRegistered("constant"));
    }
}

internal sealed class ConstantComponent(string name, double value) : Scoring.Components.MoleculeComponent(name, "1")
{
    public int Calls;

    protected override double Compute(ScoringMolecule molecule)
    {
        Interlocked.Increment(ref Calls);
        return value;
    }
}
