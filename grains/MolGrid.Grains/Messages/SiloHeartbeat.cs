namespace MolGrid.Grains.Messages;

/// <summary>Published by every silo on each beat (the silo table in the store holds the same facts).</summary>
public sealed record SiloHeartbeat(string SiloId, string Host, IReadOnlyList<string> Roles, int Slots, int Busy, string State, long BatchesDone, DateTimeOffset At);
