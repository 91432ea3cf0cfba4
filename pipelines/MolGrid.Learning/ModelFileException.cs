namespace MolGrid.Learning;

/// <summary>A model file that cannot be used: missing, not a MolGrid model, another kind or format version,
/// truncated or corrupt. Names the file and the reason (exit code 2 at the CLI, a 400 at the API).</summary>
public sealed class ModelFileException(string path, string reason) : InvalidInputException(path, reason)
{
    public string Path => Input;
}
