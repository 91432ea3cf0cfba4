using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using Orleans;
using Orleans.Runtime;

namespace MolGrid.Grains;

/// <summary>
/// Applies the grid store's migrations (which create Orleans' tables and queries) at the very first silo
/// lifecycle stage, before the clustering, storage and reminder providers read their queries. Idempotent and
/// serialised by an advisory lock, so silos starting together on a fresh database are safe.
/// </summary>
internal sealed class StoreMigrationParticipant(StoreAddress store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<StoreMigrationParticipant>(ServiceLifecycleStage.First, _ =>
        {
            Migrations.Apply(SqlDialect.For(store));
            return Task.CompletedTask;
        });
}
