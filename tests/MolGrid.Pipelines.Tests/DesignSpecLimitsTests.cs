using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Tests;

/// <summary>Specs that would crash the process in YamlDotNet's recursive deserialiser are refused first.</summary>
public class DesignSpecLimitsTests
{
    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    public void DeeplyNestedSpecsAreRefusedWithoutTouchingTheStack(string style)
    {
        // Flow: 5,000 levels, far past the depth at which YamlDotNet 16.3 overflows a 1.5 MB thread stack (about
        // 1,000). Block: 600 levels, as deep as the size cap leaves room for (indentation grows quadratically).
        var text = style == "flow"
            ? new string('[', 5000) + new string(']', 5000)
            : string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i) + "- \n"));
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse(text, "deep.yaml"));
        Assert.Equal("deep.yaml", e.Input);
        Assert.Contains("nested more than", e.Reason);
    }

    [Fact]
    public void OversizedSpecsAreRefused()
    {
        var text = "name: big\n# " + new string('x', SpecLimits.MaxLength) + "\n";
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse(text, "big.yaml"));
        Assert.Contains("the limit is", e.Reason);
    }

    [Fact]
    public void MalformedYamlIsStillASpecErrorWithItsPosition()
    {
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse("name: [unclosed\nbudget: 3\n", "bad.yaml"));
        Assert.Contains("not valid YAML/JSON (line", e.Reason);
    }

    [Fact]
    public void OrdinaryNestingIsAccepted()
    {
        var spec = DesignSpec.Parse("name: x\ngenerator: {start_smiles: [CCO]}\nscoring: {components: [{type: qed, transform: {type: value_map, mapping: {\"0\": 1}}}]}\n", "ok.yaml");
        Assert.Equal("x", spec.Name);
    }
}
