namespace MolGrid.Learning;

/// <summary>A model file that cannot be used: missing, not a MolGrid model, another kind or format version,
/// truncated or corrupt. Names the file and the reason.</summary>
public sealed class ModelFileException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
