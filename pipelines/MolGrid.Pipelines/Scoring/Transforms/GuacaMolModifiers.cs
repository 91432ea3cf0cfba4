namespace MolGrid.Pipelines.Scoring.Transforms;

/// <summary>GuacaMol's Gaussian, MinGaussian (1 at or below mu) and MaxGaussian (1 at or above mu)
/// modifiers: exp(-0.5 ((x - mu) / sigma)^2) on the side that is penalised.</summary>
public sealed class GaussianTransform(double mu, double sigma, GaussianTransform.Side side) : IScoreTransform
{
    public enum Side { Both, Min, Max }

    public string Type => side switch { Side.Min => "min_gaussian", Side.Max => "max_gaussian", _ => "gaussian" };

    public double Apply(double x)
    {
        if (side == Side.Min && x <= mu) return 1.0;
        if (side == Side.Max && x >= mu) return 1.0;
        var z = (x - mu) / sigma;
        return Math.Exp(-0.5 * z * z);
    }
}

/// <summary>GuacaMol's ClippedScoreModifier: linear from (lower_x, low_score) to (upper_x, high_score),
/// clipped to the score range.</summary>
public sealed class ClippedTransform(double upperX, double lowerX, double highScore, double lowScore) : IScoreTransform
{
    public string Type => "clipped";

    public double Apply(double x)
    {
        var slope = (highScore - lowScore) / (upperX - lowerX);
        var intercept = highScore - slope * upperX;
        var y = slope * x + intercept;
        return Math.Clamp(y, Math.Min(lowScore, highScore), Math.Max(lowScore, highScore));
    }

    internal ClippedTransform Checked(Design.SpecNode p)
    {
        if (upperX == lowerX) throw new Design.SpecException(p.Path + ".upper_x", "must differ from lower_x");
        return this;
    }
}

/// <summary>GuacaMol's ThresholdedLinearModifier: min(x, threshold) / threshold.</summary>
public sealed class ThresholdedTransform(double threshold) : IScoreTransform
{
    public string Type => "thresholded";

    public double Apply(double x) => Math.Min(x, threshold) / threshold;
}
