namespace MolGrid.Server.Tests;

/// <summary>One server over the test grid shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServerHost.StartWithTestGridAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
