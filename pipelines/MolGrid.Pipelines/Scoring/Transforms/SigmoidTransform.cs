using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Scoring.Transforms;

/// <summary>REINVENT 4's sigmoid (rising from low to high) and reverse sigmoid (falling):
/// 1 / (1 + 10^(10 k (x - (low+high)/2) / (low - high))), and with (high - low) for the reverse.</summary>
public sealed class SigmoidTransform(double low, double high, double k, bool reverse) : IScoreTransform
{
    public string Type => reverse ? "reverse_sigmoid" : "sigmoid";

    public double Apply(double x)
    {
        var mid = (low + high) / 2;
        var exponent = reverse ? 10 * k * (x - mid) / (high - low) : 10 * k * (x - mid) / (low - high);
        return 1 / (1 + Math.Pow(10, exponent));
    }

    internal SigmoidTransform Checked(SpecNode p)
    {
        if (!(low < high)) throw new SpecException(p.Path + ".high", $"must be greater than low ({low})");
        return this;
    }
}

/// <summary>REINVENT 4's double sigmoid: A/B - C with A = 10^(se x/div), B = A + 10^(se low/div),
/// C = 10^(si x/div) / (10^(si x/div) + 10^(si high/div)); evaluated in the algebraically equal form
/// 1/(1+10^(se (low-x)/div)) - 1/(1+10^(si (high-x)/div)), which cannot overflow to inf/inf.</summary>
public sealed class DoubleSigmoidTransform(double low, double high, double coefDiv, double coefSi, double coefSe) : IScoreTransform
{
    public string Type => "double_sigmoid";

    public double Apply(double x) =>
        1 / (1 + Math.Pow(10, coefSe * (low - x) / coefDiv)) - 1 / (1 + Math.Pow(10, coefSi * (high - x) / coefDiv));

    internal DoubleSigmoidTransform Checked(SpecNode p)
    {
        if (!(low < high)) throw new SpecException(p.Path + ".high", $"must be greater than low ({low})");
        return this;
    }
}
