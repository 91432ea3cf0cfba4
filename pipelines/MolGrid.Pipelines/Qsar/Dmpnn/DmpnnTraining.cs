using MolGrid.Learning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// Trains a D-MPNN ensemble. The validation split (a seeded share of the training molecules) is the same for
/// every member; each member has its own initialisation and batch order (seeds Seed * 1009 + member). For a fixed
/// thread count on one CPU kind, the same inputs and seed give the same weights.
/// </summary>
public static class DmpnnTraining
{
    public static DmpnnModel Train(IReadOnlyList<MoleculeGraph> graphs, IReadOnlyList<double> y, QsarTask task, DmpnnOptions options)
    {
        options.Validate();
        if (graphs.Count != y.Count || graphs.Count < 2) throw new ArgumentException("need two or more aligned molecules and labels");
        if (task == QsarTask.Classification && y.Any(v => v is not (0 or 1))) throw new ArgumentException("classification labels must be 0 or 1");
        TorchRuntime.EnsureLoaded();
        var device = ComputeDevice.Resolve(options.Device);

        var order = Enumerable.Range(0, graphs.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var nValidation = (int)Math.Round(graphs.Count * options.ValidationFraction);
        if (graphs.Count - nValidation < 1) nValidation = 0;
        var validation = order[..nValidation];
        var train = order[nValidation..];

        double yMean = 0, yStd = 1;
        if (task == QsarTask.Regression)
        {
            yMean = train.Average(i => y[i]);
            yStd = Math.Sqrt(train.Average(i => (y[i] - yMean) * (y[i] - yMean)));
            if (!(yStd > 1e-8)) yStd = 1;
        }
        var target = y.Select(v => (float)(task == QsarTask.Regression ? (v - yMean) / yStd : v)).ToArray();

        var members = new List<DmpnnNetwork>();
        var summary = new List<string>();
        for (var k = 0; k < options.EnsembleSize; k++)
        {
            var memberSeed = options.Seed * 1009L + k;
            TorchRuntime.Seed(memberSeed);
            var net = new DmpnnNetwork(options);
            net.to(device);
            var (bestEpoch, bestLoss) = TrainMember(net, k, graphs, target, train, validation, task, options, device, new Random((int)(memberSeed & 0x7fffffff)));
            summary.Add(FormattableString.Invariant($"member {k}: best epoch {bestEpoch}, {(validation.Length > 0 ? "validation" : "training")} loss {bestLoss:0.0000}"));
            members.Add(net);
        }
        var list = new DmpnnEnsemble(members);
        return new DmpnnModel(options, task, yMean, yStd, list, device) { TrainingSummary = string.Join("; ", summary) };
    }

    private static (int Epoch, double Loss) TrainMember(DmpnnNetwork net, int member, IReadOnlyList<MoleculeGraph> graphs, float[] target,
        int[] train, int[] validation, QsarTask task, DmpnnOptions o, Device device, Random random)
    {
        using var optimizer = new AdamOptimizer(net.parameters(), o.LearningRate);
        var stepsPerEpoch = (train.Length + o.BatchSize - 1) / o.BatchSize;
        var totalSteps = stepsPerEpoch * o.Epochs;
        var warmup = Math.Min(totalSteps, 2 * stepsPerEpoch);
        var step = 0;
        var best = (Epoch: 0, Loss: double.PositiveInfinity);
        Dictionary<string, Tensor>? bestState = null;
        var order = (int[])train.Clone();
        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            net.train();
            random.Shuffle(order);
            double trainLoss = 0;
            for (var start = 0; start < order.Length; start += o.BatchSize)
            {
                using var scope = NewDisposeScope();
                optimizer.LearningRate = LearningRate(o.LearningRate, step++, warmup, totalSteps);
                var idx = order.Skip(start).Take(o.BatchSize).ToArray();
                using var batch = GraphBatch.From(idx.Select(i => graphs[i]).ToArray(), device);
                var labels = tensor(idx.Select(i => target[i]).ToArray(), device: device);
                optimizer.ZeroGrad();
                var loss = Loss(net.call(batch), labels, task);
                loss.backward();
                optimizer.Step();
                trainLoss += loss.item<float>() * idx.Length;
            }
            trainLoss /= order.Length;
            var monitored = validation.Length > 0 ? Evaluate(net, graphs, target, validation, task, device) : trainLoss;
            o.Progress?.Invoke(member, epoch, trainLoss, monitored);
            if (monitored < best.Loss)
            {
                best = (epoch, monitored);
                if (bestState is not null) foreach (var t in bestState.Values) t.Dispose();
                bestState = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            else if (epoch - best.Epoch >= o.Patience) break;
        }
        if (bestState is not null)
        {
            using (no_grad())
                foreach (var (name, value) in net.state_dict()) value.copy_(bestState[name]);
            foreach (var t in bestState.Values) t.Dispose();
        }
        net.eval();
        return best;
    }

    private static double Evaluate(DmpnnNetwork net, IReadOnlyList<MoleculeGraph> graphs, float[] target, int[] rows, QsarTask task, Device device)
    {
        net.eval();
        using var noGrad = no_grad();
        double total = 0;
        for (var start = 0; start < rows.Length; start += 256)
        {
            using var scope = NewDisposeScope();
            var idx = rows.Skip(start).Take(256).ToArray();
            using var batch = GraphBatch.From(idx.Select(i => graphs[i]).ToArray(), device);
            var labels = tensor(idx.Select(i => target[i]).ToArray(), device: device);
            total += Loss(net.call(batch), labels, task).item<float>() * idx.Length;
        }
        return total / rows.Length;
    }

    private static Tensor Loss(Tensor output, Tensor labels, QsarTask task) =>
        task == QsarTask.Regression
            ? nn.functional.mse_loss(output, labels)
            : nn.functional.binary_cross_entropy_with_logits(output, labels);

    /// <summary>Chemprop's schedule: linear from lr/10 to lr over the warm-up, then exponential down to lr/10.</summary>
    internal static double LearningRate(double max, int step, int warmup, int total)
    {
        var min = max / 10;
        if (step < warmup) return min + (max - min) * step / Math.Max(1, warmup);
        var decaySteps = Math.Max(1, total - warmup);
        return max * Math.Pow(min / max, Math.Min(1.0, (double)(step - warmup) / decaySteps));
    }
}
