using System.Text.Json.Nodes;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// The token alphabet of a SMILES language model: index 0 is padding, 1 the start token, 2 the end token,
/// then the SMILES tokens in ordinal order (so the same corpus always gives the same indices, and a model's
/// output layer lines up with the vocabulary stored in its file).
/// </summary>
public sealed class SmilesVocabulary
{
    public const string PadToken = "<pad>";
    public const string StartToken = "^";
    public const string EndToken = "$";
    public const int Pad = 0;
    public const int Start = 1;
    public const int End = 2;

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _index;

    private SmilesVocabulary(string[] tokens)
    {
        _tokens = tokens;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
            if (!_index.TryAdd(tokens[i], i))
                throw new ArgumentException($"vocabulary lists token '{tokens[i]}' twice");
    }

    /// <summary>Number of tokens, the three special ones included (the model's input and output width).</summary>
    public int Count => _tokens.Length;

    public IReadOnlyList<string> Tokens => _tokens;

    public string this[int index] => _tokens[index];

    public bool Contains(string token) => _index.ContainsKey(token);

    /// <summary>A vocabulary of exactly these SMILES tokens (the special ones are added in front).</summary>
    public static SmilesVocabulary FromTokens(IEnumerable<string> smilesTokens)
    {
        var distinct = smilesTokens.Distinct(StringComparer.Ordinal).ToList();
        foreach (var t in distinct)
            if (t is PadToken or StartToken or EndToken)
                throw new ArgumentException($"'{t}' is a reserved token of the vocabulary, not a SMILES token");
        distinct.Sort(StringComparer.Ordinal);
        return new SmilesVocabulary([PadToken, StartToken, EndToken, .. distinct]);
    }

    /// <summary>The tokens that occur in at least <paramref name="minCount"/> of the given SMILES. Rare tokens
    /// (odd bracket atoms) are left out: the model could not learn them, and the molecules holding them are
    /// dropped from training instead.</summary>
    public static SmilesVocabulary Build(IEnumerable<string> smiles, int minCount = 1)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in smiles)
            foreach (var t in SmilesTokenizer.Tokenize(s).Distinct(StringComparer.Ordinal))
                counts[t] = counts.GetValueOrDefault(t) + 1;
        return FromTokens(counts.Where(kv => kv.Value >= minCount).Select(kv => kv.Key));
    }

    /// <summary>True when every token of <paramref name="smiles"/> is in the vocabulary.</summary>
    public bool Covers(string smiles)
    {
        try
        {
            return SmilesTokenizer.Tokenize(smiles).All(_index.ContainsKey);
        }
        catch (SmilesTokenException)
        {
            return false;
        }
    }

    /// <summary>Start token, the SMILES' tokens, end token.</summary>
    public int[] Encode(string smiles)
    {
        var tokens = SmilesTokenizer.Tokenize(smiles);
        var ids = new int[tokens.Count + 2];
        ids[0] = Start;
        var position = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_index.TryGetValue(tokens[i], out var id) || id <= End)
                throw new SmilesTokenException(smiles, position, $"token '{tokens[i]}' is not in the model's vocabulary");
            ids[i + 1] = id;
            position += tokens[i].Length;
        }
        ids[^1] = End;
        return ids;
    }

    /// <summary>The SMILES spelled by <paramref name="ids"/>: a leading start token is skipped, reading stops
    /// at the first end or padding token.</summary>
    public string Decode(ReadOnlySpan<long> ids)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (i == 0 && id == Start) continue;
            if (id == End || id == Pad) break;
            if (id < 0 || id >= _tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), $"token id {id} is outside the vocabulary (0..{_tokens.Length - 1})");
            if (id == Start) throw new ArgumentException("start token in the middle of a sequence", nameof(ids));
            sb.Append(_tokens[id]);
        }
        return sb.ToString();
    }

    public string Decode(IEnumerable<int> ids) => Decode(ids.Select(i => (long)i).ToArray());

    /// <summary>The vocabulary as stored in a model file's header: <c>{"tokens": [...]}</c>, specials included.</summary>
    public JsonObject ToJson() => new() { ["tokens"] = new JsonArray(_tokens.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) };

    /// <summary>Reads <see cref="ToJson"/>'s form back; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SmilesVocabulary FromJson(JsonNode? node)
    {
        if (node is not JsonObject o || o["tokens"] is not JsonArray array)
            throw new FormatException("vocabulary: expected an object with a 'tokens' array");
        var tokens = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
            tokens[i] = array[i]?.GetValue<string>() ?? throw new FormatException($"vocabulary: token {i} is null");
        if (tokens.Length < 4 || tokens[Pad] != PadToken || tokens[Start] != StartToken || tokens[End] != EndToken)
            throw new FormatException($"vocabulary: must start with '{PadToken}', '{StartToken}', '{EndToken}' and hold at least one SMILES token");
        try
        {
            return new SmilesVocabulary(tokens);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("vocabulary: " + e.Message);
        }
    }
}
