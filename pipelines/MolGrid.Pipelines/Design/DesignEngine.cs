using MolGrid.Pipelines.Design.Generators;

namespace MolGrid.Pipelines.Design;

/// <summary>Builds the design loop a spec asks for.</summary>
public static class DesignEngine
{
    public static IDesignLoop CreateLoop(DesignSpec spec) => CreateLoop(spec, new DesignLoopOptions());

    public static IDesignLoop CreateLoop(DesignSpec spec, DesignLoopOptions options)
    {
        if (spec.Generator.Type == GeneratorSpec.Reinvent) return new Generators.Reinvent.ReinventLoop(spec, options);
        var directory = File.Exists(spec.SourceName) ? Path.GetDirectoryName(Path.GetFullPath(spec.SourceName)) : null;
        var candidates = StartPopulation.Candidates(spec.Generator, directory);
        return CreateLoop(spec, options, candidates);
    }

    /// <summary>With the start candidates already loaded (a benchmark reuses one corpus for many runs).</summary>
    public static IDesignLoop CreateLoop(DesignSpec spec, DesignLoopOptions options, IReadOnlyList<string> startCandidates) =>
        spec.Generator.Type switch
        {
            GeneratorSpec.GraphGa => new GraphGaLoop(spec, options, startCandidates),
            GeneratorSpec.Brics => new BricsLoop(spec, options, startCandidates),
            GeneratorSpec.Reinvent => new Generators.Reinvent.ReinventLoop(spec, options),
            _ => throw new SpecException("generator.type", $"unknown generator '{spec.Generator.Type}'"),
        };
}
