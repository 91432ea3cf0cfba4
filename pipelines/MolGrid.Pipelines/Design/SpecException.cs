namespace MolGrid.Pipelines.Design;

/// <summary>A design spec that cannot be used: names the key path (e.g. <c>scoring.components[2].weight</c>)
/// and the reason. Hosts map it, like every <see cref="InvalidInputException"/>, to exit code 2 / HTTP 400.</summary>
public sealed class SpecException(string keyPath, string reason, Exception? inner = null)
    : InvalidInputException(keyPath, reason, inner);
