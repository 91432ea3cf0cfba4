using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MolGrid.Pipelines.Qsar;

namespace MolGrid.Server.Models;

/// <summary>A saved model the server can explain with: its file name (the API's id), kind and task.</summary>
public sealed record ModelEntry(string Name, string Kind, string Task, string Sha256);

/// <summary>
/// The model files in the server's models directory (<see cref="MolGridServerOptions.ModelsDirectory"/>:
/// molgrid-qsar JSON and D-MPNN archives, as `molgrid model train --out` writes them). Each is loaded on first
/// use and kept while its content hash is unchanged, so a retrained file is picked up without a restart.
/// </summary>
public sealed class ModelLibrary(IOptions<MolGridServerOptions> options)
{
    private readonly ConcurrentDictionary<string, (string Hash, IQsarModel Model)> _loaded = new(StringComparer.Ordinal);

    public string Directory => options.Value.ModelsDirectory ?? Path.Combine(options.Value.DataDirectory, "models");

    public IReadOnlyList<ModelEntry> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var entries = new List<ModelEntry>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory).Where(p => p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".mgm", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            try
            {
                var m = Get(Path.GetFileName(path));
                entries.Add(new ModelEntry(Path.GetFileName(path), m.Kind, m.Task.ToString().ToLowerInvariant(), QsarModelFile.Hash(path)));
            }
            catch (InvalidInputException)
            {
                // Not a model MolGrid can read (another JSON file, a damaged model): not listed.
            }
        }
        return entries;
    }

    /// <summary>The loaded model; an unknown name is a <see cref="ModelNotFoundException"/>, an unreadable file
    /// a <see cref="QsarDataException"/>.</summary>
    public IQsarModel Get(string name)
    {
        if (name.Length == 0 || name != Path.GetFileName(name) || name.StartsWith('.'))
            throw new ModelNotFoundException(name);
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path)) throw new ModelNotFoundException(name);
        var hash = QsarModelFile.Hash(path);
        if (_loaded.TryGetValue(name, out var cached) && cached.Hash == hash) return cached.Model;
        // A replaced model is not disposed here: a request that fetched it a moment ago may still be using it.
        var model = QsarModelFile.Load(path);
        _loaded[name] = (hash, model);
        return model;
    }
}

/// <summary>No model of that name in the models directory (a 404).</summary>
public sealed class ModelNotFoundException(string name) : Exception($"no model '{name}' in the server's models directory")
{
    public string Name { get; } = name;
}
