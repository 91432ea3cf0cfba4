using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Transforms;

/// <summary>1 inside [low, high], 0 outside (REINVENT's step).</summary>
public sealed class StepTransform(double low, double high) : IScoreTransform
{
    public string Type => "step";

    public double Apply(double x) => x >= low && x <= high ? 1.0 : 0.0;

    internal StepTransform Checked(SpecNode p)
    {
        if (!(low <= high)) throw new SpecException(p.Path + ".high", $"must be at least low ({low})");
        return this;
    }
}

/// <summary>The raw value unchanged.</summary>
public sealed class IdentityTransform : IScoreTransform
{
    public string Type => "identity";

    public double Apply(double x) => x;
}

/// <summary>slope * x + intercept (GuacaMol's LinearModifier has intercept 0).</summary>
public sealed class LinearTransform(double slope, double intercept) : IScoreTransform
{
    public string Type => "linear";

    public double Apply(double x) => slope * x + intercept;
}
