namespace MolGrid.Learning;

/// <summary>TorchSharp's native libraries could not be loaded (not prepared, wrong platform, or CUDA asked for
/// where there is none). The message says what to run.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
