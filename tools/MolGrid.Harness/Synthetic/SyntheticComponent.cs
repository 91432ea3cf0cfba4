using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MolGrid.Grains.Silo;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Harness.Synthetic;

/// <summary>A stand-in scorer: waits a fixed time per molecule (like a model on an accelerator, without using
/// the CPU) and returns a deterministic hash of the SMILES in [0, 1). Can be told to throw, hang or make the
/// whole batch unprocessable on one molecule, for fault tests.</summary>
public sealed class SyntheticComponent(string capability, SyntheticSpec spec) : IScoringComponent
{
    public string Name { get; } = $"synthetic_{capability}";

    public string Version => "1";

    public string Capability { get; } = capability;

    public async Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        if (spec.CrashOn is { } crash && molecules.Any(m => m.Smiles == crash))
            throw new SiloFaultException($"synthetic crash on {crash}");
        if (spec.ThrowOn is { } bad && molecules.Any(m => m.Smiles == bad))
            throw new InvalidOperationException($"synthetic scorer failure on {bad}");
        var results = new ComponentResult[molecules.Count];
        // Molecule i is done LatencyMs x (i + 1) after the call began: waiting out each molecule with its own
        // Task.Delay overshot by a timer tick every time (about 20 ms on a batch of 32), which the grid benchmark
        // then counted as grid overhead.
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < molecules.Count; i++)
        {
            if (spec.HangOn is { } hang && molecules[i].Smiles == hang)
                await Task.Delay(Timeout.Infinite, CancellationToken.None); // a hung native call ignores cancellation
            if (spec.LatencyMs > 0)
            {
                var due = TimeSpan.FromMilliseconds(spec.LatencyMs * (i + 1.0)) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
            }
            results[i] = ComponentResult.Ok(Value(Name, molecules[i].Smiles));
        }
        return results;
    }

    /// <summary>The deterministic value: the first 53 bits of SHA-256(name + SMILES) as a fraction.</summary>
    public static double Value(string name, string smiles)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + smiles));
        return (BitConverter.ToUInt64(h, 0) >> 11) / (double)(1UL << 53);
    }
}
