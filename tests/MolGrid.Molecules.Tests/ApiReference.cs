using System.IO.Compression;
using System.Text.Json;

namespace MolGrid.Molecules.Tests;

/// <summary>Fixtures/api_reference.json.gz: independent values from python3-rdkit, written by
/// Fixtures/make_api_reference.py.</summary>
public static class ApiReference
{
    public static JsonElement Root { get; } = Load();

    public static IEnumerable<JsonElement> Molecules => Root.GetProperty("molecules").EnumerateArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();

    public static (uint Id, uint Count)[] Counts(JsonElement e) =>
        e.EnumerateArray().Select(p => (p[0].GetUInt32(), p[1].GetUInt32())).ToArray();

    private static JsonElement Load()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "api_reference.json.gz")), CompressionMode.Decompress);
        return JsonDocument.Parse(gz).RootElement.Clone();
    }
}
