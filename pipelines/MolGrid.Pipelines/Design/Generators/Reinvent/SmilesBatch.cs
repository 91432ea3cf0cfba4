using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>Featurisation: token-id sequences (start ... end) padded with <see cref="SmilesVocabulary.Pad"/>
/// into one [B, T] int64 tensor, T the longest sequence of the batch.</summary>
public static class SmilesBatch
{
    public static Tensor Pack(IReadOnlyList<int[]> sequences, Device? device = null)
    {
        if (sequences.Count == 0) throw new ArgumentException("empty batch", nameof(sequences));
        var width = sequences.Max(s => s.Length);
        var data = new long[sequences.Count * width];
        for (var i = 0; i < sequences.Count; i++)
            for (var j = 0; j < sequences[i].Length; j++)
                data[i * width + j] = sequences[i][j];
        var t = tensor(data, [sequences.Count, width], ScalarType.Int64);
        return device is null || device.type == DeviceType.CPU ? t : t.to(device);
    }

    public static Tensor Encode(SmilesVocabulary vocabulary, IReadOnlyList<string> smiles, Device? device = null) =>
        Pack(smiles.Select(vocabulary.Encode).ToList(), device);
}
