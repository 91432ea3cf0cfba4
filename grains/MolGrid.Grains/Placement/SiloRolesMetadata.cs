using System.Collections.Immutable;

namespace MolGrid.Grains.Placement;

/// <summary>
/// The silo metadata keys MolGrid publishes through Orleans membership (<c>UseSiloMetadata</c>): roles as a
/// comma list and the slot count. Fixed for a silo's lifetime; draining and load are dynamic and live on the
/// load board instead.
/// </summary>
public static class SiloRolesMetadata
{
    public const string Roles = "molgrid.roles";
    public const string Slots = "molgrid.slots";

    public static Dictionary<string, string> For(IReadOnlyList<string> roles, int slots) => new()
    {
        [Roles] = string.Join(',', roles),
        [Slots] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Roles of a silo; empty for a silo that published none (not a MolGrid worker).</summary>
    public static IReadOnlyList<string> RolesOf(ImmutableDictionary<string, string> metadata) =>
        metadata.TryGetValue(Roles, out var text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>Slots of a silo; 1 when it published none, so it still counts but is soon "full".</summary>
    public static int SlotsOf(ImmutableDictionary<string, string> metadata) =>
        metadata.TryGetValue(Slots, out var text) && int.TryParse(text, out var n) && n > 0 ? n : 1;
}
