namespace MolGrid.Server.Errors;

/// <summary>A request body over the configured upload cap; answered with 413.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"the request body is larger than the limit of {limitBytes} bytes")
{
    public long LimitBytes { get; } = limitBytes;
}
