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

    /// <summary>Writes the step count and both moment estimates (for resuming a training run).</summary>
    public void Save(string path)
    {
        var tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp)))
        {
            w.Write(Magic);
            w.Write(_step);
            w.Write(_parameters.Length);
            foreach (var t in _m.Concat(_v))
            {
                var data = t.detach().cpu().to(float32).data<float>().ToArray();
                w.Write(data.LongLength);
                foreach (var x in data) w.Write(x);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Restores what <see cref="Save"/> wrote for the same parameters; a file for other parameters (or
    /// no Adam state at all) is a <see cref="ModelFileException"/>.</summary>
    public void Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "optimizer state not found");
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.ReadString() != Magic) throw new ModelFileException(path, "not a MolGrid Adam state file");
            var step = r.ReadInt64();
            if (r.ReadInt32() != _parameters.Length) throw new ModelFileException(path, "Adam state for a different number of parameters");
            using var noGrad = no_grad();
            foreach (var t in _m.Concat(_v))
            {
                var n = r.ReadInt64();
                if (n != t.numel()) throw new ModelFileException(path, $"Adam state of {n} values for a parameter of {t.numel()}");
                var data = new float[n];
                for (var i = 0; i < n; i++) data[i] = r.ReadSingle();
                using var loaded = tensor(data, t.shape).to(t.dtype).to(t.device);
                t.copy_(loaded);
            }
            _step = step;
        }
        catch (EndOfStreamException) { throw new ModelFileException(path, "truncated Adam state"); }
    }

    private const string Magic = "MOLGRID-ADAM 1";

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
    }
}
