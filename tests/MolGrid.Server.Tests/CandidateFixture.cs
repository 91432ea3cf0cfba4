using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>A server with one finished campaign that has scored the whole drug pool.</summary>
public sealed class CandidateFixture : IAsyncLifetime
{
    public ServerHost Host { get; private set; } = null!;
    public string CampaignId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await ServerHost.StartWithTestGridAsync();
        var alice = Host.Client(AliceKey);
        CampaignId = (await ApiTestHelpers.SubmitAsync(alice, "name: pool\nbudget: 32\nbatch: 16\n")).GetProperty("id").GetString()!;
        await ApiTestHelpers.WaitFinishedAsync(alice, CampaignId);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
