using System.Globalization;
using MolGrid.Pipelines.Scoring;

namespace MolGrid.Harness.Synthetic;

/// <summary>
/// The synthetic campaign used by the grid benchmark and fault tests: a deterministic design loop over
/// made-up chain SMILES and one scorer per listed capability whose value is a hash of the SMILES, after a
/// fixed delay per molecule (standing in for a GPU model or docking run). Flat "key: value" lines:
/// <code>
/// engine: synthetic      # required, selects this engine
/// name: bench
/// seed: 42
/// budget: 2048           # molecules scored in all
/// round_size: 512        # molecules proposed per round
/// batch_size: 32
/// population: 16         # parents kept between rounds
/// latency_ms: 20         # per molecule, per component
/// components: cpu        # comma-separated capabilities, one scorer each
/// molecule_timeout_ms: 60000
/// throw_on: SMILES       # the scorer throws when its batch holds this molecule
/// hang_on: SMILES        # the scorer never returns when its batch holds this molecule
/// crash_on: SMILES       # the silo cannot process a batch holding this molecule (poison batch)
/// </code>
/// </summary>
public sealed record SyntheticSpec
{
    public string Name { get; init; } = "synthetic";
    public long Seed { get; init; } = 1;
    public int Budget { get; init; } = 256;
    public int RoundSize { get; init; } = 64;
    public int BatchSize { get; init; } = 16;
    public int Population { get; init; } = 16;
    public int LatencyMs { get; init; }
    public IReadOnlyList<string> Components { get; init; } = [Capabilities.Cpu];
    public int? MoleculeTimeoutMs { get; init; }
    public string? ThrowOn { get; init; }
    public string? HangOn { get; init; }
    public string? CrashOn { get; init; }

    public static bool IsSynthetic(string text) => Lines(text).Any(kv => kv.Key == "engine" && kv.Value == "synthetic");

    public static SyntheticSpec Parse(string text)
    {
        var spec = new SyntheticSpec();
        foreach (var (key, value) in Lines(text))
        {
            spec = key switch
            {
                "engine" => value == "synthetic" ? spec : throw Bad(key, "must be 'synthetic'"),
                "name" => spec with { Name = value },
                "seed" => spec with { Seed = long.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : throw Bad(key, "must be an integer") },
                "budget" => spec with { Budget = Positive(key, value) },
                "round_size" => spec with { RoundSize = Positive(key, value) },
                "batch_size" => spec with { BatchSize = Positive(key, value) },
                "population" => spec with { Population = Positive(key, value) },
                "latency_ms" => spec with { LatencyMs = NonNegative(key, value) },
                "molecule_timeout_ms" => spec with { MoleculeTimeoutMs = Positive(key, value) },
                "components" => spec with { Components = ParseCapabilities(key, value) },
                "throw_on" => spec with { ThrowOn = value },
                "hang_on" => spec with { HangOn = value },
                "crash_on" => spec with { CrashOn = value },
                _ => throw Bad(key, "unknown key for the synthetic engine"),
            };
        }
        return spec;
    }

    public string Render()
    {
        var lines = new List<string>
        {
            "engine: synthetic", $"name: {Name}", $"seed: {Seed}", $"budget: {Budget}", $"round_size: {RoundSize}",
            $"batch_size: {BatchSize}", $"population: {Population}", $"latency_ms: {LatencyMs}", $"components: {string.Join(',', Components)}",
        };
        if (MoleculeTimeoutMs is { } t) lines.Add($"molecule_timeout_ms: {t}");
        if (ThrowOn is not null) lines.Add($"throw_on: {ThrowOn}");
        if (HangOn is not null) lines.Add($"hang_on: {HangOn}");
        if (CrashOn is not null) lines.Add($"crash_on: {CrashOn}");
        return string.Join('\n', lines) + "\n";
    }

    private static IEnumerable<(string Key, string Value)> Lines(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            yield return (line[..colon].Trim(), line[(colon + 1)..].Trim().Trim('"', '\''));
        }
    }

    private static IReadOnlyList<string> ParseCapabilities(string key, string value)
    {
        var caps = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (caps.Count == 0) throw Bad(key, "lists no capability");
        foreach (var c in caps)
            if (!Capabilities.All.Contains(c)) throw Bad(key, $"unknown capability '{c}' (cpu, gpu or docking)");
        return caps;
    }

    private static int Positive(string key, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw Bad(key, "must be a positive integer");

    private static int NonNegative(string key, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw Bad(key, "must be a non-negative integer");

    private static SyntheticSpecException Bad(string key, string reason) => new(key, reason);
}

public sealed class SyntheticSpecException(string key, string reason) : InvalidInputException(key, reason);
