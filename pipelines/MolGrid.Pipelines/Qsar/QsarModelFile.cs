using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MolGrid.Molecules;

namespace MolGrid.Pipelines.Qsar;

/// <summary>
/// Saves and loads QSAR models. Classical models are versioned JSON ({"format": "molgrid-qsar", "version": 1,
/// "kind": ...}): a GP stores its training fingerprints, targets and hyperparameters and refactorises on load;
/// an MLP stores its weights (little-endian float32, base64); a GBM its ML.NET model zip (base64) and task.
/// Networks (D-MPNN) are TorchSharp model archives (<see cref="MolGrid.Learning.ModelArchive"/>); Load tells the
/// two apart by their first bytes. The file's SHA-256 versions the scoring component, so a retrained model never
/// reuses cached scores.
/// </summary>
public static class QsarModelFile
{
    public const string Format = "molgrid-qsar";
    public const int Version = 1;

    public static void Save(IQsarModel model, string path, string? trainedOn = null)
    {
        if (model is Dmpnn.DmpnnModel network)
        {
            network.Save(path, trainedOn);
            return;
        }
        var o = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["kind"] = model.Kind,
            ["fingerprint"] = new JsonObject { ["type"] = "morgan", ["radius"] = MorganFeaturizer.Radius, ["bits"] = MorganFeaturizer.Bits },
            ["trained_on"] = trainedOn,
        };
        switch (model)
        {
            case GaussianProcessModel gp:
                o["mean"] = gp.Mean;
                o["signal_variance"] = gp.SignalVariance;
                o["noise_ratio"] = gp.NoiseRatio;
                o["log_marginal_likelihood"] = gp.LogMarginalLikelihood;
                o["y"] = new JsonArray(gp.Targets.Select(v => (JsonNode)v).ToArray());
                o["x"] = new JsonArray(gp.TrainingFingerprints.Select(f => (JsonNode)MorganFeaturizer.ToBase64(f)).ToArray());
                break;
            case FingerprintMlp mlp:
                o["input_bits"] = mlp.InputBits;
                o["hidden1"] = mlp.H1;
                o["hidden2"] = mlp.H2;
                o["y_mean"] = mlp.YMean;
                o["y_std"] = mlp.YStd;
                o["w1"] = Floats(mlp.W1);
                o["b1"] = Floats(mlp.B1);
                o["w2"] = Floats(mlp.W2);
                o["b2"] = Floats(mlp.B2);
                o["w3"] = Floats(mlp.W3);
                o["b3"] = mlp.B3;
                break;
            case GradientBoostedTreesModel gbm:
                o["task"] = gbm.Task == QsarTask.Regression ? "regression" : "classification";
                o["features"] = $"morgan-counts-{GbmFeaturizer.CountSlots}+descriptors-{Molecules.MolDescriptors.Names.Count}";
                o["mlnet_model"] = Convert.ToBase64String(gbm.Serialized);
                break;
            default:
                throw new ArgumentException($"cannot save a '{model.Kind}' model");
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, o.ToJsonString());
        File.Move(tmp, path, overwrite: true);
    }

    public static IQsarModel Load(string path, string device = "auto")
    {
        if (!File.Exists(path)) throw new QsarDataException(path, "model file not found");
        if (IsArchive(path))
        {
            try { return Dmpnn.DmpnnModel.Load(path, device); }
            catch (MolGrid.Learning.ModelFileException e) { throw new QsarDataException(path, e.Reason); }
        }
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new QsarDataException(path, $"not a JSON model file: {e.Message}"); }
        try
        {
            if (root?["format"]?.GetValue<string>() != Format) throw new QsarDataException(path, $"not a {Format} file");
            var version = root["version"]!.GetValue<int>();
            if (version != Version) throw new QsarDataException(path, $"model file version {version}; this MolGrid reads version {Version}");
            var fp = root["fingerprint"]!;
            if (fp["radius"]!.GetValue<int>() != MorganFeaturizer.Radius || fp["bits"]!.GetValue<int>() != MorganFeaturizer.Bits)
                throw new QsarDataException(path, "fingerprint settings differ from Morgan radius 2, 2048 bits");
            return root["kind"]!.GetValue<string>() switch
            {
                "gp" => GaussianProcessModel.FromParts(
                    root["x"]!.AsArray().Select(n => MorganFeaturizer.FromBase64(n!.GetValue<string>())).ToArray(),
                    root["y"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray(),
                    root["mean"]!.GetValue<double>(), root["signal_variance"]!.GetValue<double>(), root["noise_ratio"]!.GetValue<double>(),
                    root["log_marginal_likelihood"]!.GetValue<double>()),
                "mlp" => new FingerprintMlp(root["input_bits"]!.GetValue<int>(), root["hidden1"]!.GetValue<int>(), root["hidden2"]!.GetValue<int>(),
                    root["y_mean"]!.GetValue<double>(), root["y_std"]!.GetValue<double>(),
                    Floats(root["w1"]!), Floats(root["b1"]!), Floats(root["w2"]!), Floats(root["b2"]!), Floats(root["w3"]!), root["b3"]!.GetValue<float>()),
                "gbm" => GradientBoostedTreesModel.FromSerialized(Convert.FromBase64String(root["mlnet_model"]!.GetValue<string>()),
                    root["task"]!.GetValue<string>() == "classification" ? QsarTask.Classification : QsarTask.Regression),
                var k => throw new QsarDataException(path, $"unknown model kind '{k}'"),
            };
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new QsarDataException(path, $"malformed model file: {e.Message}");
        }
    }

    private static bool IsArchive(string path)
    {
        Span<byte> head = stackalloc byte[13];
        using var f = File.OpenRead(path);
        return f.Read(head) == head.Length && head.SequenceEqual("MOLGRID-MODEL"u8);
    }

    /// <summary>First 16 hex digits of the file's SHA-256.</summary>
    public static string Hash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s))[..16];
    }

    private static string Floats(float[] a)
    {
        var bytes = new byte[a.Length * 4];
        Buffer.BlockCopy(a, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    private static float[] Floats(JsonNode n)
    {
        var bytes = Convert.FromBase64String(n.GetValue<string>());
        var a = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, a, 0, bytes.Length);
        return a;
    }
}
