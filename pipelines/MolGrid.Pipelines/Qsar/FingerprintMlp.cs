using System.Numerics.Tensors;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// A two-hidden-layer ReLU perceptron on Morgan bits (2048 -> H1 -> H2 -> 1), trained with Adam on the
/// mean squared error of standardised pIC50, seeded (He initialisation, shuffling and the validation split all
/// come from one seed), with early stopping on a held-out validation split. Arithmetic is
/// System.Numerics.Tensors TensorPrimitives (SIMD) in single precision; the first layer exploits that inputs
/// are sparse bits (sum of the weight rows of the set bits).
/// </summary>
public sealed class FingerprintMlp : IFingerprintQsarModel
{
    internal readonly int InputBits, H1, H2;
    internal readonly float[] W1, B1, W2, B2, W3; // W1[bit*H1 + j], W2[j*H2 + k]
    internal float B3;
    internal readonly double YMean, YStd;

    internal FingerprintMlp(int inputBits, int h1, int h2, double yMean, double yStd, float[]? w1 = null, float[]? b1 = null, float[]? w2 = null, float[]? b2 = null, float[]? w3 = null, float b3 = 0)
    {
        (InputBits, H1, H2, YMean, YStd) = (inputBits, h1, h2, yMean, yStd);
        W1 = w1 ?? new float[inputBits * h1];
        B1 = b1 ?? new float[h1];
        W2 = w2 ?? new float[h1 * h2];
        B2 = b2 ?? new float[h2];
        W3 = w3 ?? new float[h2];
        B3 = b3;
    }

    public string Kind => "mlp";

    /// <summary>Epochs run and the epoch whose weights were kept (set by <see cref="Train"/>).</summary>
    public int EpochsRun { get; private set; }

    public int BestEpoch { get; private set; }

    public double BestValidationRmse { get; private set; } = double.NaN;

    public QsarPrediction Predict(BitFingerprint fingerprint)
    {
        var bits = fingerprint.OnBits().ToArray();
        var z1 = new float[H1];
        var z2 = new float[H2];
        return new QsarPrediction(YMean + YStd * Forward(bits, z1, z2), double.NaN);
    }

    private float Forward(int[] bits, float[] z1, float[] z2)
    {
        B1.CopyTo(z1, 0);
        foreach (var b in bits) TensorPrimitives.Add(z1, W1.AsSpan(b * H1, H1), z1);
        B2.CopyTo(z2, 0);
        for (var j = 0; j < H1; j++)
            if (z1[j] > 0) TensorPrimitives.MultiplyAdd(W2.AsSpan(j * H2, H2), z1[j], z2, z2);
        float output = B3;
        for (var k = 0; k < H2; k++)
            if (z2[k] > 0) output += W3[k] * z2[k];
        return output;
    }

    public static FingerprintMlp Train(IReadOnlyList<BitFingerprint> x, IReadOnlyList<double> y, FingerprintMlpOptions? options = null)
    {
        options ??= new FingerprintMlpOptions();
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Count < 10) throw new ArgumentException("need at least ten training molecules for a validation split");
        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, x.Count).ToArray();
        rng.Shuffle(order);
        var nVal = Math.Max(1, (int)Math.Round(x.Count * options.ValidationFraction));
        var val = order[..nVal];
        var train = order[nVal..];
        var bits = x.Select(f => f.OnBits().ToArray()).ToArray();
        var yMean = train.Average(i => y[i]);
        var yStd = Math.Sqrt(train.Sum(i => (y[i] - yMean) * (y[i] - yMean)) / train.Length);
        if (!(yStd > 0)) yStd = 1;
        var ys = y.Select(v => (float)((v - yMean) / yStd)).ToArray();

        var net = new FingerprintMlp(x[0].Length, options.Hidden1, options.Hidden2, yMean, yStd);
        HeInit(net.W1, net.InputBits > 0 ? Math.Max(1, x.Average(f => f.BitCount)) : 1, rng); // fan-in is the set bits
        HeInit(net.W2, net.H1, rng);
        HeInit(net.W3, net.H2, rng);
        var best = net.Clone();
        var adam = new AdamState(net);
        var grads = new Gradients(net);
        var z1 = new float[net.H1];
        var z2 = new float[net.H2];
        var d2 = new float[net.H2];
        var d1 = new float[net.H1];
        var bestRmse = double.PositiveInfinity;
        int bestEpoch = 0, epoch = 0, stale = 0;
        while (epoch < options.MaxEpochs && stale < options.Patience)
        {
            epoch++;
            rng.Shuffle(train);
            for (var start = 0; start < train.Length; start += options.BatchSize)
            {
                var end = Math.Min(train.Length, start + options.BatchSize);
                grads.Clear();
                var scale = 1f / (end - start);
                for (var s = start; s < end; s++)
                {
                    var i = train[s];
                    var output = net.Forward(bits[i], z1, z2);
                    var dOut = (output - ys[i]) * scale;
                    grads.B3 += dOut;
                    for (var k = 0; k < net.H2; k++)
                    {
                        var a2 = z2[k] > 0 ? z2[k] : 0;
                        grads.W3[k] += dOut * a2;
                        d2[k] = z2[k] > 0 ? dOut * net.W3[k] : 0;
                    }
                    TensorPrimitives.Add(grads.B2, d2, grads.B2);
                    for (var j = 0; j < net.H1; j++)
                    {
                        if (z1[j] <= 0) { d1[j] = 0; continue; }
                        TensorPrimitives.MultiplyAdd(d2, z1[j], grads.W2.AsSpan(j * net.H2, net.H2), grads.W2.AsSpan(j * net.H2, net.H2));
                        d1[j] = TensorPrimitives.Dot(net.W2.AsSpan(j * net.H2, net.H2), d2);
                    }
                    TensorPrimitives.Add(grads.B1, d1, grads.B1);
                    foreach (var b in bits[i])
                    {
                        TensorPrimitives.Add(grads.W1.AsSpan(b * net.H1, net.H1), d1, grads.W1.AsSpan(b * net.H1, net.H1));
                        grads.Touch(b);
                    }
                }
                adam.Step(net, grads, options.LearningRate, options.WeightDecay);
            }
            double se = 0;
            foreach (var i in val)
            {
                var e = (net.Forward(bits[i], z1, z2) - ys[i]) * yStd;
                se += e * e;
            }
            var rmse = Math.Sqrt(se / val.Length);
            if (rmse < bestRmse - 1e-9)
            {
                (bestRmse, bestEpoch, stale) = (rmse, epoch, 0);
                best = net.Clone();
            }
            else stale++;
        }
        best.EpochsRun = epoch;
        best.BestEpoch = bestEpoch;
        best.BestValidationRmse = bestRmse;
        return best;
    }

    private static void HeInit(float[] w, double fanIn, Random rng)
    {
        var sd = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < w.Length; i++)
        {
            // Box-Muller from the seeded generator.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            w[i] = (float)(sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }

    private FingerprintMlp Clone() => new(InputBits, H1, H2, YMean, YStd, (float[])W1.Clone(), (float[])B1.Clone(), (float[])W2.Clone(), (float[])B2.Clone(), (float[])W3.Clone(), B3);

    private sealed class Gradients(FingerprintMlp n)
    {
        public readonly float[] W1 = new float[n.W1.Length], B1 = new float[n.B1.Length], W2 = new float[n.W2.Length], B2 = new float[n.B2.Length], W3 = new float[n.W3.Length];
        public float B3;
        private readonly bool[] _touched = new bool[n.InputBits];

        /// <summary>First-layer rows (input bits) set in this batch, ascending.</summary>
        public readonly List<int> TouchedRows = [];

        public void Touch(int bit)
        {
            if (_touched[bit]) return;
            _touched[bit] = true;
            TouchedRows.Add(bit);
        }

        public void Clear()
        {
            foreach (var r in TouchedRows)
            {
                Array.Clear(W1, r * n.H1, n.H1);
                _touched[r] = false;
            }
            TouchedRows.Clear();
            Array.Clear(B1); Array.Clear(W2); Array.Clear(B2); Array.Clear(W3);
            B3 = 0;
        }
    }

    private sealed class AdamState
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
        private readonly float[][] _m, _v;
        private readonly float[] _m3 = new float[1], _v3 = new float[1];
        private readonly float[] _tmp;
        private int _t;

        public AdamState(FingerprintMlp n)
        {
            float[][] p = [n.W1, n.B1, n.W2, n.B2, n.W3];
            _m = p.Select(a => new float[a.Length]).ToArray();
            _v = p.Select(a => new float[a.Length]).ToArray();
            _tmp = new float[p.Max(a => a.Length)];
        }

        public void Step(FingerprintMlp n, Gradients g, float lr, float decay)
        {
            _t++;
            var c1 = 1 - MathF.Pow(Beta1, _t);
            var c2 = 1 - MathF.Pow(Beta2, _t);
            var step = lr * MathF.Sqrt(c2) / c1;
            // First layer: lazy Adam, only the rows of input bits present in the batch (the others have zero
            // gradient; their moments are left as they are, as in TensorFlow's LazyAdam).
            g.TouchedRows.Sort();
            foreach (var r in g.TouchedRows)
            {
                var o = r * n.H1;
                Update(n.W1.AsSpan(o, n.H1), g.W1.AsSpan(o, n.H1), _m[0].AsSpan(o, n.H1), _v[0].AsSpan(o, n.H1), step, decay, true);
            }
            float[][] p = [n.W1, n.B1, n.W2, n.B2, n.W3];
            float[][] gr = [g.W1, g.B1, g.W2, g.B2, g.W3];
            for (var k = 1; k < p.Length; k++) Update(p[k], gr[k], _m[k], _v[k], step, decay, k is 2 or 4);
            var b3 = new[] { n.B3 };
            Update(b3, [g.B3], _m3, _v3, step, decay, false);
            n.B3 = b3[0];
        }

        private void Update(Span<float> p, Span<float> g, Span<float> m, Span<float> v, float step, float decay, bool isWeight)
        {
            var t = _tmp.AsSpan(0, p.Length);
            if (isWeight && decay > 0) TensorPrimitives.MultiplyAdd(p, decay, g, g); // L2 penalty on weights
            // m = b1 m + (1-b1) g ; v = b2 v + (1-b2) g^2
            TensorPrimitives.Multiply(m, Beta1, m);
            TensorPrimitives.MultiplyAdd(g, 1 - Beta1, m, m);
            TensorPrimitives.Multiply(v, Beta2, v);
            TensorPrimitives.Multiply(g, g, t);
            TensorPrimitives.MultiplyAdd(t, 1 - Beta2, v, v);
            // p -= step * m / (sqrt(v) + eps)
            TensorPrimitives.Sqrt(v, t);
            TensorPrimitives.Add(t, Eps, t);
            TensorPrimitives.Divide(m, t, t);
            TensorPrimitives.MultiplyAdd(t, -step, p, p);
        }
    }
}
