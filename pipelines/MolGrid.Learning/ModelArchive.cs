using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;

namespace MolGrid.Learning;

/// <summary>
/// One file per trained network: a magic line, a JSON header (kind, format version, hyper-parameters, extra
/// data, the weights' length and SHA-256), then the module's state as TorchSharp writes it. Load checks all of
/// it before a single weight is read, so a file of another kind or version, or a truncated or altered one, is
/// refused with the reason instead of loading garbage or failing deep inside TorchSharp.
/// </summary>
public static class ModelArchive
{
    private static readonly byte[] Magic = "MOLGRID-MODEL 1\n"u8.ToArray();
    private const int MaxHeaderBytes = 64 << 20;

    public static void Save(string path, ModelHeader header, torch.nn.Module module)
    {
        TorchRuntime.EnsureLoaded();
        using var weights = new MemoryStream();
        using (var w = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true)) module.save(w);
        var bytes = weights.ToArray();
        var json = new JsonObject
        {
            ["kind"] = header.Kind,
            ["format_version"] = header.FormatVersion,
            ["hyper"] = header.Hyper.DeepClone(),
            ["extra"] = header.Extra.DeepClone(),
            ["weights_bytes"] = bytes.Length,
            ["weights_sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["torch"] = torch.__version__,
        };
        var head = Encoding.UTF8.GetBytes(json.ToJsonString());
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp";
        using (var f = File.Create(tmp))
        {
            f.Write(Magic);
            Span<byte> len = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(len, head.Length);
            f.Write(len);
            f.Write(head);
            f.Write(bytes);
        }
        File.Move(tmp, full, overwrite: true);
    }

    /// <summary>Reads and verifies the header and weights; the caller builds the module from
    /// <see cref="ModelHeader.Hyper"/> and passes it to <see cref="LoadWeights"/>.</summary>
    public static (ModelHeader Header, byte[] Weights) Read(string path, string expectedKind, int expectedVersion)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "model file not found");
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (IOException e) { throw new ModelFileException(path, $"cannot read: {e.Message}"); }
        if (all.Length < Magic.Length + 4 || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelFileException(path, "not a MolGrid model file (no MOLGRID-MODEL header)");
        var headLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(all.AsSpan(Magic.Length, 4));
        var headStart = Magic.Length + 4;
        if (headLength <= 0 || headLength > MaxHeaderBytes || headStart + headLength > all.Length)
            throw new ModelFileException(path, "truncated or corrupt header");
        JsonObject json;
        try { json = JsonNode.Parse(all.AsSpan(headStart, headLength))?.AsObject() ?? throw new JsonException("empty"); }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { throw new ModelFileException(path, $"corrupt header: {e.Message}"); }
        string kind;
        int version;
        long weightsBytes;
        string sha;
        try
        {
            kind = json["kind"]!.GetValue<string>();
            version = json["format_version"]!.GetValue<int>();
            weightsBytes = json["weights_bytes"]!.GetValue<long>();
            sha = json["weights_sha256"]!.GetValue<string>();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new ModelFileException(path, "header lacks kind, format_version or weights checksum");
        }
        if (kind != expectedKind) throw new ModelFileException(path, $"a '{kind}' model where a '{expectedKind}' model was expected");
        if (version != expectedVersion)
            throw new ModelFileException(path, $"'{kind}' format version {version}; this MolGrid reads version {expectedVersion}");
        var weightsStart = headStart + headLength;
        if (all.Length - weightsStart != weightsBytes)
            throw new ModelFileException(path, $"weights are {all.Length - weightsStart} bytes where the header says {weightsBytes} (truncated or appended to)");
        var weights = all.AsSpan(weightsStart).ToArray();
        if (Convert.ToHexStringLower(SHA256.HashData(weights)) != sha)
            throw new ModelFileException(path, "weights do not match their checksum (the file is corrupt)");
        var hyper = json["hyper"] as JsonObject ?? throw new ModelFileException(path, "header has no hyper-parameters");
        var extra = json["extra"] as JsonObject ?? new JsonObject();
        return (new ModelHeader(kind, version, (JsonObject)hyper.DeepClone(), (JsonObject)extra.DeepClone()), weights);
    }

    /// <summary>Loads verified weights into a module built from the header; a shape or name mismatch (a
    /// header that does not describe these weights) is a <see cref="ModelFileException"/>.</summary>
    public static void LoadWeights(string path, byte[] weights, torch.nn.Module module)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(weights));
            module.load(r, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new ModelFileException(path, $"weights do not fit the model the header describes: {e.Message}");
        }
    }

    /// <summary>First 16 hex digits of the file's SHA-256: the version of a scoring component that uses it.</summary>
    public static string Hash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s))[..16];
    }
}
