using System.Text.Json.Nodes;
using MolGrid.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Tests.Learning;

public class TorchLayerTests
{
    private static nn.Module<Tensor, Tensor> TinyNet() => nn.Sequential(("l1", nn.Linear(4, 8)), ("act", nn.Tanh()), ("l2", nn.Linear(8, 1)));

    private static float[] TrainTiny(long seed)
    {
        TorchRuntime.Seed(seed);
        var net = TinyNet();
        using var scope = NewDisposeScope();
        var x = randn(32, 4);
        var y = x.sum(1, keepdim: true).sin();
        using var opt = new AdamOptimizer(net.parameters(), 0.01);
        for (var i = 0; i < 50; i++)
        {
            opt.ZeroGrad();
            nn.functional.mse_loss(net.call(x), y).backward();
            opt.Step();
        }
        return net.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void Native_libraries_load_from_one_prepared_folder_not_the_bin_folder()
    {
        TorchRuntime.EnsureLoaded();
        Assert.NotNull(TorchRuntime.NativeDirectory);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "libtorch_cpu.so")), "LibTorch was copied into the test's bin folder");
        Assert.StartsWith("torch 2.10", TorchRuntime.Describe());
        using var t = tensor(new float[] { 1, 2, 3 });
        Assert.Equal(6f, t.sum().item<float>());
    }

    [Fact]
    public void Training_with_a_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        var a = TrainTiny(7);
        var b = TrainTiny(7);
        var c = TrainTiny(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Adam_takes_the_hand_computed_first_step_and_follows_torchs_adam()
    {
        // f(p) = p^2 at p = 1: g = 2, m = 0.1 g, v = 0.001 g^2, bias-corrected m/sqrt(v) = 1, so p -> 1 - lr.
        TorchRuntime.EnsureLoaded();
        using var p = new TorchSharp.Modules.Parameter(tensor(new[] { 1.0 }));
        using var adam = new AdamOptimizer([p], 0.1);
        (p * p).sum().backward();
        adam.Step();
        Assert.Equal(0.9, p.data<double>()[0], 9);

        // Several steps with weight decay on a small network, side by side with TorchSharp's own Adam.
        TorchRuntime.Seed(3);
        var a = TinyNet();
        var b = TinyNet();
        b.load_state_dict(a.state_dict());
        using var x = randn(16, 4);
        using var y = randn(16, 1);
        using var ours = new AdamOptimizer(a.parameters(), 0.01, weightDecay: 1e-3);
        var theirs = optim.Adam(b.parameters(), 0.01, weight_decay: 1e-3);
        for (var i = 0; i < 20; i++)
        {
            ours.ZeroGrad();
            nn.functional.mse_loss(a.call(x), y).backward();
            ours.Step();
            theirs.zero_grad();
            nn.functional.mse_loss(b.call(x), y).backward();
            theirs.step();
        }
        var wa = a.parameters().SelectMany(q => q.data<float>().ToArray()).ToArray();
        var wb = b.parameters().SelectMany(q => q.data<float>().ToArray()).ToArray();
        for (var i = 0; i < wa.Length; i++) Assert.Equal(wb[i], wa[i], 5);
    }

    [Fact]
    public void Adam_state_saved_and_loaded_resumes_the_same_trajectory_and_a_mismatched_file_is_refused()
    {
        TorchRuntime.Seed(5);
        var a = TinyNet();
        var b = TinyNet();
        b.load_state_dict(a.state_dict());
        using var x = randn(8, 4);
        using var y = randn(8, 1);
        var path = Path.Combine(Path.GetTempPath(), $"molgrid-adam-{Guid.NewGuid():N}.state");
        using var first = new AdamOptimizer(a.parameters(), 0.02);
        void StepWith(AdamOptimizer o, nn.Module<Tensor, Tensor> net)
        {
            o.ZeroGrad();
            nn.functional.mse_loss(net.call(x), y).backward();
            o.Step();
        }
        for (var i = 0; i < 3; i++) StepWith(first, a);
        first.Save(path);
        b.load_state_dict(a.state_dict());
        using var resumed = new AdamOptimizer(b.parameters(), 0.02);
        resumed.Load(path);
        Assert.Equal(3, resumed.Steps);
        StepWith(first, a);
        StepWith(resumed, b);
        Assert.Equal(a.parameters().SelectMany(q => q.data<float>().ToArray()), b.parameters().SelectMany(q => q.data<float>().ToArray()));
        using var other = new AdamOptimizer(nn.Linear(2, 2).parameters(), 0.02);
        Assert.Throws<ModelFileException>(() => other.Load(path));
        File.Delete(path);
    }

    [Fact]
    public void Device_choice_is_validated_and_cpu_resolves_here()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve("cpu").type);
        var e = Assert.Throws<ArgumentException>(() => ComputeDevice.Validate("tpu"));
        Assert.Contains("tpu", e.Message);
        if (!cuda.is_available()) Assert.Throws<TorchUnavailableException>(() => ComputeDevice.Resolve("cuda"));
    }

    [Fact]
    public void Archive_round_trips_weights_and_refuses_other_kinds_versions_and_damage()
    {
        TorchRuntime.Seed(1);
        var net = TinyNet();
        var dir = Directory.CreateTempSubdirectory("mg-archive-");
        var path = Path.Combine(dir.FullName, "m.mgm");
        var header = new ModelHeader("tiny", 3, new JsonObject { ["hidden"] = 8 }, new JsonObject { ["vocab"] = new JsonArray("C", "N") });
        ModelArchive.Save(path, header, net);

        var (h, weights) = ModelArchive.Read(path, "tiny", 3);
        Assert.Equal(8, h.Hyper["hidden"]!.GetValue<int>());
        Assert.Equal("N", h.Extra["vocab"]![1]!.GetValue<string>());
        TorchRuntime.Seed(2);
        var copy = TinyNet();
        ModelArchive.LoadWeights(path, weights, copy);
        using var x = randn(5, 4);
        Assert.Equal(net.call(x).data<float>().ToArray(), copy.call(x).data<float>().ToArray());

        Assert.Contains("'tiny' model where a 'dmpnn'", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path, "dmpnn", 3)).Message);
        Assert.Contains("format version 3", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path, "tiny", 4)).Message);
        var wider = nn.Sequential(("l1", nn.Linear(4, 9)), ("act", nn.Tanh()), ("l2", nn.Linear(9, 1)));
        Assert.Throws<ModelFileException>(() => ModelArchive.LoadWeights(path, weights, wider));

        var bytes = File.ReadAllBytes(path);
        var flipped = (byte[])bytes.Clone();
        flipped[^10] ^= 0x40;
        File.WriteAllBytes(path, flipped);
        Assert.Contains("checksum", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path, "tiny", 3)).Message);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 7)]);
        Assert.Contains("truncated", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path, "tiny", 3)).Message);
        File.WriteAllText(path, "{\"format\":\"molgrid-qsar\"}");
        Assert.Contains("not a MolGrid model file", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path, "tiny", 3)).Message);
        Assert.Contains("not found", Assert.Throws<ModelFileException>(() => ModelArchive.Read(path + ".none", "tiny", 3)).Message);
        dir.Delete(true);
    }
}
