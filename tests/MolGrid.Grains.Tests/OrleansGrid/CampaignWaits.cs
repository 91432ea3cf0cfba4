using Microsoft.Extensions.Hosting;
using MolGrid.Grains.Contracts;
using MolGrid.Grains.Store;

namespace MolGrid.Grains.Tests;

/// <summary>The grid tests' waits: poll the campaign grain's status or the campaign's store row until a condition
/// holds, failing with what was last seen once the timeout passes.</summary>
internal static class CampaignWaits
{
    public static bool Finished(CampaignStatus s) => s is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled;

    /// <summary>The campaign grain's status once <paramref name="until"/> holds (default: finished).</summary>
    public static Task<CampaignGrainStatus> GrainAsync(IHost silo, string id, TimeSpan timeout, Func<CampaignGrainStatus, bool>? until = null, int pollMs = 100)
    {
        var grain = silo.Grains().GetGrain<ICampaignGrain>(id);
        return UntilAsync(() => grain.StatusAsync(), until ?? (s => Finished(s.Status)), timeout, pollMs,
            s => $"campaign {id} still {s.Status} at round {s.Round} after {timeout}");
    }

    /// <summary>The campaign's store row once <paramref name="until"/> holds (default: finished).</summary>
    public static Task<CampaignRow> RowAsync(GridStore grid, string id, TimeSpan timeout, Func<CampaignRow, bool>? until = null, int pollMs = 100) =>
        UntilAsync(async () => await grid.GetCampaignAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"campaign {id} is not in the store"),
            until ?? (r => r.Status is "Completed" or "Failed" or "Cancelled"), timeout, pollMs,
            r => $"campaign {id} still {r.Status} at round {r.Round} after {timeout}: {r.Error}");

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan timeout, int pollMs, Func<T, string> stuck)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var seen = await read();
            if (until(seen)) return seen;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(stuck(seen));
            await Task.Delay(pollMs);
        }
    }
}
