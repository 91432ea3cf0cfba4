using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MolGrid.Learning;

/// <summary>
/// Loads TorchSharp's native libraries once per process from the single folder scripts/torch/prepare.sh fills
/// (artifacts/torch/linux-x64: LibTorch linked from the NuGet cache, LibTorchSharp patched for Debian 12), so no
/// bin folder carries its own 600 MB copy. Looked up in order: $MOLGRID_TORCH_NATIVE, $MOLGRID_HOME/artifacts/
/// torch/linux-x64, the folder the build prepared. Where none exists (a GPU node's self-contained publish), the
/// libraries TorchSharp finds beside the application are used.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static string? _nativeDir;
    private static bool _loaded;

    /// <summary>The folder native libraries came from, or null when TorchSharp's own probing found them.</summary>
    public static string? NativeDirectory { get { EnsureLoaded(); return _nativeDir; } }

    /// <summary>Makes torch usable in this process; idempotent and thread-safe.</summary>
    public static void EnsureLoaded()
    {
        if (_loaded) return;
        lock (Gate)
        {
            if (_loaded) return;
            _nativeDir = FindNativeDirectory();
            try
            {
                // TorchSharp probes for LibTorchSharp by name; once loaded from this folder (its RUNPATH $ORIGIN
                // finds the linked LibTorch beside it), the loader answers that name with this copy, and
                // TorchSharp never falls back to copying LibTorch into the bin folder.
                if (_nativeDir is not null) NativeLibrary.Load(Path.Combine(_nativeDir, "libLibTorchSharp.so"));
                torch.InitializeDeviceType(DeviceType.CPU);
                _ = torch.get_num_threads();
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException)
            {
                throw new TorchUnavailableException(
                    "TorchSharp's native libraries did not load" + (_nativeDir is null ? " (no prepared folder found)" : $" from {_nativeDir}") +
                    $": {e.Message}. Run scripts/setup.sh (or scripts/torch/prepare.sh after a restore), or set MOLGRID_TORCH_NATIVE.", e);
            }
            _loaded = true;
        }
    }

    /// <summary>Seeds torch's generators (CPU and, where present, CUDA) for reproducible initialisation,
    /// dropout and sampling.</summary>
    public static void Seed(long seed)
    {
        EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }

    /// <summary>Sets torch's intra-op threads ($MOLGRID_TORCH_THREADS, else the given count, else the
    /// processor count). Results on CPU are reproducible for a fixed thread count.</summary>
    public static int ConfigureThreads(int? threads = null)
    {
        EnsureLoaded();
        var n = threads ?? (int.TryParse(Environment.GetEnvironmentVariable("MOLGRID_TORCH_THREADS"), out var t) && t > 0 ? t : Environment.ProcessorCount);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(threads), n, "threads must be at least 1");
        torch.set_num_threads(n);
        return n;
    }

    /// <summary>"torch 2.10.0 (LibTorchSharp 0.107.0), 2 threads, CUDA: no".</summary>
    public static string Describe()
    {
        EnsureLoaded();
        return $"torch {torch.__version__} (TorchSharp {typeof(torch).Assembly.GetName().Version}), {torch.get_num_threads()} threads, CUDA: " +
               (torch.cuda.is_available() ? $"{torch.cuda.device_count()} device(s)" : "no");
    }

    private static string? FindNativeDirectory()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("MOLGRID_TORCH_NATIVE"),
            Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } home ? Path.Combine(home, "artifacts", "torch", "linux-x64") : null,
            typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "MolGridTorchNative")?.Value,
        };
        return candidates.FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "libLibTorchSharp.so")));
    }
}
