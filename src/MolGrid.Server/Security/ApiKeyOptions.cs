namespace MolGrid.Server.Security;

/// <summary>
/// Where API keys come from (configuration section "MolGrid:ApiKeys", or environment variables
/// MolGrid__ApiKeys__KeysFile / MolGrid__ApiKeys__Keys__0__Key ...). Keys listed inline and keys in the
/// file are both accepted. With neither, the server creates a keys file under its data directory on first
/// run (one random key per role) and logs where it is.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "MolGrid:ApiKeys";

    /// <summary>A JSON file: {"keys":[{"name":"alice","role":"chemist","key":"..."}]}. Relative paths are
    /// taken from the data directory. Default: DATA/keys.json.</summary>
    public string? KeysFile { get; set; }

    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>Create DATA/keys.json with fresh keys when no key is configured anywhere.</summary>
    public bool CreateDefaultKeysFile { get; set; } = true;
}

/// <summary>One key: the user's name (campaign owner), role and secret.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Key { get; set; } = "";
}
