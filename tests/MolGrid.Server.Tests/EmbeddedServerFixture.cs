namespace MolGrid.Server.Tests;

/// <summary>A server over the real embedded grid (in-memory bus, SQLite), for CLI tests against a server.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public ServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServerHost.StartWithEmbeddedGridAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
