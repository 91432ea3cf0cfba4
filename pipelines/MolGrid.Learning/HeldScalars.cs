using TorchSharp;

namespace MolGrid.Learning;

/// <summary>
/// Scalars that live as long as the process. TorchSharp 0.107 turns a .NET number passed where it wants a Scalar
/// (an operator's implicit alpha of 1, <c>t * 2.0</c>, <c>add(t, 1)</c>) into a temporary Scalar with a finalizer,
/// then hands only its native handle to LibTorch: once the handle is read nothing keeps the temporary alive, and a
/// garbage collection during the native call can free it underneath LibTorch. Long training runs died that way
/// here ("INTERNAL ASSERT FAILED at Scalar.h", "toFloat ... Expected false to be true"). Code on hot paths passes
/// these held scalars, or ones it holds with <c>using</c> for the length of the call, instead.
/// </summary>
public static class HeldScalars
{
    private static readonly Lazy<Scalar> LazyOne = new(() => Make(1.0));

    /// <summary>1.0, for the alpha of <c>add</c> and <c>sub</c>.</summary>
    public static Scalar One => LazyOne.Value;

    /// <summary>A new scalar; the caller holds it (<c>using var s = HeldScalars.Of(x)</c>) across the calls that use it.</summary>
    public static Scalar Of(double value) => Make(value);

    private static Scalar Make(double value)
    {
        TorchRuntime.EnsureLoaded(); // never let TorchSharp initialise itself (it would copy LibTorch into bin/)
        return value.ToScalar();
    }
}
