using System.Text.Json.Nodes;

namespace MolGrid.Learning;

/// <summary>
/// What a model file says about itself: its kind ("dmpnn", "smiles-rnn"), the kind's format version, the
/// hyper-parameters that rebuild the module, and anything else the weights cannot be used without (a vocabulary,
/// target scaling, the training data's hash).
/// </summary>
public sealed record ModelHeader(string Kind, int FormatVersion, JsonObject Hyper, JsonObject Extra);
