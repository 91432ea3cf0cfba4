namespace MolGrid.Grains.Messages;

/// <summary>One molecule's raw component values from one batch, as stored in batch_results.results_json.
/// A failed component has a null value and its reason in <see cref="Errors"/>.</summary>
public sealed record BatchResultItem(string Key, IReadOnlyDictionary<string, double?> Values, IReadOnlyDictionary<string, string>? Errors);
