using System.Text.Json;

namespace MolGrid.Grains.Store;

/// <summary>The JSON of stored rows (batch results, design state, candidate components): one set of options, so
/// what one grain writes another reads back value for value. Named literals keep NaN and infinities, which a
/// failed or unbounded component may produce, instead of failing the round's write.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
