using TorchSharp;

namespace MolGrid.Learning;

/// <summary>
/// Where a model runs: "cpu", "cuda" (fails clearly where CUDA is absent) or "auto" (CUDA when TorchSharp finds a
/// device, else CPU). A silo with the gpu role resolves "auto" and so uses its GPU when the CUDA build is installed.
/// </summary>
public static class ComputeDevice
{
    public static readonly IReadOnlyList<string> Choices = ["auto", "cpu", "cuda"];

    /// <summary>Checks a --device value without loading torch (for spec and option validation).</summary>
    public static string Validate(string? choice, string what = "--device")
    {
        var c = (choice ?? "auto").Trim().ToLowerInvariant();
        if (!Choices.Contains(c)) throw new ArgumentException($"{what}: '{choice}' is not one of {string.Join(", ", Choices)}");
        return c;
    }

    public static torch.Device Resolve(string? choice)
    {
        var c = Validate(choice);
        TorchRuntime.EnsureLoaded();
        var cuda = torch.cuda.is_available();
        return c switch
        {
            "cpu" => torch.CPU,
            "cuda" when !cuda => throw new TorchUnavailableException(
                "--device cuda: no CUDA device is visible to TorchSharp (this build uses the CPU LibTorch unless built with -p:MolGridTorch=cuda)"),
            "cuda" => torch.CUDA,
            _ => cuda ? torch.CUDA : torch.CPU,
        };
    }
}
