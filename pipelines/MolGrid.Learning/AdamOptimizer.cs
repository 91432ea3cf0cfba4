using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MolGrid.Learning;

/// <summary>
/// Adam (Kingma and Ba 2015; PyTorch's update with bias correction and optional L2 weight decay added to the
/// gradient), written so that every Scalar it hands LibTorch is held for the length of the call
/// (<see cref="HeldScalars"/>): TorchSharp's own optimizer builds temporary Scalars inside its step, which a
/// garbage collection can free mid-call during a long training run.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly double _weightDecay;
    private long _step;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        TorchRuntime.EnsureLoaded();
        _parameters = parameters.ToArray();
        _m = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        LearningRate = learningRate;
        (_beta1, _beta2, _eps, _weightDecay) = (beta1, beta2, eps, weightDecay);
    }

    /// <summary>Used by the next <see cref="Step"/> (schedules set it between steps).</summary>
    public double LearningRate { get; set; }

    public long Steps => _step;

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            if (p.grad is { } g) g.zero_();
    }

    public void Step()
    {
        _step++;
        var correction1 = 1 - Math.Pow(_beta1, _step);
        var correction2 = 1 - Math.Pow(_beta2, _step);
        using var noGrad = no_grad();
        using var beta1 = HeldScalars.Of(_beta1);
        using var oneMinusBeta1 = HeldScalars.Of(1 - _beta1);
        using var beta2 = HeldScalars.Of(_beta2);
        using var oneMinusBeta2 = HeldScalars.Of(1 - _beta2);
        using var sqrtCorrection2 = HeldScalars.Of(Math.Sqrt(correction2));
        using var eps = HeldScalars.Of(_eps);
        using var stepSize = HeldScalars.Of(-LearningRate / correction1);
        using var decay = HeldScalars.Of(_weightDecay);
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            var g = _weightDecay > 0 ? grad.add(p, decay) : grad;
            _m[i].mul_(beta1).add_(g, oneMinusBeta1);
            _v[i].mul_(beta2).addcmul_(g, g, oneMinusBeta2);
            var denom = _v[i].sqrt().div_(sqrtCorrection2).add_(eps, HeldScalars.One);
            p.addcdiv_(_m[i], denom, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
    }
}
