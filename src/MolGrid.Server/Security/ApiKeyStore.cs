using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MolGrid.Server.Security;

/// <summary>A user known by API key: the name owns campaigns, the role decides what they may do.</summary>
public sealed record ApiUser(string Name, string Role);

/// <summary>
/// The configured API keys, loaded once at startup. Keys are held only as SHA-256 digests, so a lookup
/// never compares the secret itself character by character.
/// </summary>
public sealed class ApiKeyStore
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Dictionary<string, ApiUser> _byDigest = new(StringComparer.Ordinal);

    public ApiKeyStore(IOptions<ApiKeyOptions> options, IOptions<MolGridServerOptions> server, ILogger<ApiKeyStore> logger)
    {
        var o = options.Value;
        var explicitFile = !string.IsNullOrWhiteSpace(o.KeysFile);
        KeysFile = Path.GetFullPath(explicitFile ? o.KeysFile! : "keys.json", server.Value.DataDirectory);

        foreach (var entry in o.Keys) Add(entry, "configuration");
        if (File.Exists(KeysFile))
        {
            foreach (var entry in ReadFile(KeysFile)) Add(entry, KeysFile);
        }
        else if (explicitFile)
        {
            throw new InvalidOperationException($"API keys file {KeysFile} does not exist");
        }
        else if (_byDigest.Count == 0 && o.CreateDefaultKeysFile)
        {
            foreach (var entry in CreateDefaultFile(KeysFile)) Add(entry, KeysFile);
            CreatedKeysFile = true;
            logger.LogWarning("Created API keys file {KeysFile} with one key per role (admin, chemist, researcher)", KeysFile);
        }
        if (_byDigest.Count == 0) logger.LogWarning("No API keys configured: every request will be refused with 401");
    }

    /// <summary>The keys file in use (it may not exist when keys come only from configuration).</summary>
    public string KeysFile { get; }

    /// <summary>True when this start created the default keys file.</summary>
    public bool CreatedKeysFile { get; }

    public int Count => _byDigest.Count;

    public ApiUser? Find(string? presentedKey) =>
        string.IsNullOrEmpty(presentedKey) ? null : _byDigest.GetValueOrDefault(Digest(presentedKey));

    private void Add(ApiKeyEntry e, string source)
    {
        if (string.IsNullOrWhiteSpace(e.Name)) throw new InvalidOperationException($"API key without a name in {source}");
        if (!MolGridRoles.IsKnown(e.Role))
            throw new InvalidOperationException($"API key '{e.Name}' in {source} has role '{e.Role}'; expected one of {string.Join(", ", MolGridRoles.All)}");
        if (e.Key.Length < 16) throw new InvalidOperationException($"API key '{e.Name}' in {source} is shorter than 16 characters");
        if (!_byDigest.TryAdd(Digest(e.Key), new ApiUser(e.Name, e.Role)))
            throw new InvalidOperationException($"API key '{e.Name}' in {source} duplicates another key");
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static IEnumerable<ApiKeyEntry> ReadFile(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<KeysFileContent>(File.ReadAllText(path), FileJson);
            return file?.Keys ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"API keys file {path} is not valid JSON: {e.Message}", e);
        }
    }

    private static List<ApiKeyEntry> CreateDefaultFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var keys = MolGridRoles.All
            .Select(role => new ApiKeyEntry { Name = role, Role = role, Key = "mg_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant() })
            .ToList();
        // Write to a temporary name and move, so a crash never leaves a half-written keys file behind.
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            JsonSerializer.Serialize(stream, new KeysFileContent { Keys = keys }, FileJson);
        }
        File.Move(temp, path, overwrite: false);
        return keys;
    }

    private sealed class KeysFileContent
    {
        [JsonPropertyName("keys")] public List<ApiKeyEntry> Keys { get; set; } = [];
    }
}
