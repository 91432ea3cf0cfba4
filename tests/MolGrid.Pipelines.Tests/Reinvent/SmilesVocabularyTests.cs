using MolGrid.Molecules;
using MolGrid.Pipelines.Design.Generators.Reinvent;

namespace MolGrid.Pipelines.Tests.Reinvent;

public class SmilesVocabularyTests
{
    [Fact]
    public void BracketAtomsHalogensAndTwoDigitRingClosuresAreSingleTokens()
    {
        var tokens = SmilesTokenizer.Tokenize("C[C@@H](Cl)c1cc[nH]c%12Br.[Na+]%10");
        Assert.Equal(["C", "[C@@H]", "(", "Cl", ")", "c", "1", "c", "c", "[nH]", "c", "%12", "Br", ".", "[Na+]", "%10"], tokens);
        // 'Cl' only as a pair: 'C' followed by 'l' is chlorine, 'c' then 'l' is not merged, 'B' alone is boron.
        Assert.Equal(["B", "C", "C", "c"], SmilesTokenizer.Tokenize("BCCc"));
        Assert.Equal(["[Cl-]", "Cl"], SmilesTokenizer.Tokenize("[Cl-]Cl"));
    }

    [Theory]
    [InlineData("C[C@H", "unclosed")]
    [InlineData("CC%1", "two digits")]
    [InlineData("CC%a1", "two digits")]
    [InlineData("C C", "whitespace")]
    [InlineData("CC]", "without an opening")]
    [InlineData("C[C[N]]", "inside a bracket")]
    public void MalformedSmilesAreRefusedWithTheReason(string smiles, string reason)
    {
        var e = Assert.Throws<SmilesTokenException>(() => SmilesTokenizer.Tokenize(smiles));
        Assert.Contains(reason, e.Message);
        Assert.Contains(smiles, e.Message);
        Assert.IsAssignableFrom<InvalidInputException>(e);
    }

    [Fact]
    public void EncodeDecodeRoundTripsAndJsonKeepsTheIndices()
    {
        string[] corpus = ["CC(=O)Oc1ccccc1C(=O)O", "c1ccc2[nH]ccc2c1", "C1CC2CCC1C%10CC2%10Br", "Clc1ccc(cc1)[N+](=O)[O-]"];
        var vocab = SmilesVocabulary.Build(corpus);
        foreach (var s in corpus)
        {
            var ids = vocab.Encode(s);
            Assert.Equal(SmilesVocabulary.Start, ids[0]);
            Assert.Equal(SmilesVocabulary.End, ids[^1]);
            Assert.Equal(s, vocab.Decode(ids));
        }
        var back = SmilesVocabulary.FromJson(System.Text.Json.Nodes.JsonNode.Parse(vocab.ToJson().ToJsonString()));
        Assert.Equal(vocab.Tokens, back.Tokens);
        Assert.Equal(vocab.Encode(corpus[3]), back.Encode(corpus[3]));
        // Decoding stops at the end token and ignores what follows (sampled sequences are padded past it).
        Assert.Equal("CC", vocab.Decode([SmilesVocabulary.Start, vocab.Encode("C")[1], vocab.Encode("C")[1], SmilesVocabulary.End, vocab.Encode("C")[1]]));
    }

    [Fact]
    public void TokenOutsideTheVocabularyIsATypedError()
    {
        var vocab = SmilesVocabulary.Build(["CCO"]);
        var e = Assert.Throws<SmilesTokenException>(() => vocab.Encode("CCS"));
        Assert.Contains("'S' is not in the model's vocabulary", e.Message);
        Assert.False(vocab.Covers("CCN"));
        Assert.True(vocab.Covers("OCC"));
    }

    [Fact]
    public void RareTokensAreLeftOutOfTheVocabulary()
    {
        var vocab = SmilesVocabulary.Build(["CCO", "CCN", "CC[Se]C"], minCount: 2);
        Assert.True(vocab.Contains("C"));
        Assert.False(vocab.Contains("[Se]"));
        Assert.False(vocab.Contains("O"));
    }

    [Theory]
    [InlineData("{\"tokens\": [\"<pad>\", \"$\", \"^\", \"C\"]}")]
    [InlineData("{\"tokens\": [\"<pad>\", \"^\", \"$\"]}")]
    [InlineData("{\"tokens\": [\"<pad>\", \"^\", \"$\", \"C\", \"C\"]}")]
    [InlineData("{\"words\": []}")]
    public void BadStoredVocabulariesAreRefused(string json) =>
        Assert.Throws<FormatException>(() => SmilesVocabulary.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json)));

    [Fact]
    public void RandomisedSmilesAreTheSameMoleculeAndRepeatWithTheSeed()
    {
        const string smiles = "CC(C)(C)NCC(O)c1ccc(O)c(CO)c1";
        using var mol = MoleculeParser.ParseSmiles(smiles);
        var canonical = MoleculeWriter.CanonicalSmiles(mol);
        var variants = new HashSet<string>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var r = MoleculeWriter.RandomSmiles(mol, seed);
            Assert.Equal(r, MoleculeWriter.RandomSmiles(mol, seed));
            Assert.Equal(canonical, MoleculeWriter.Canonicalize(r));
            variants.Add(r);
        }
        Assert.True(variants.Count >= 10, $"only {variants.Count} distinct randomised SMILES of 20");
    }
}
