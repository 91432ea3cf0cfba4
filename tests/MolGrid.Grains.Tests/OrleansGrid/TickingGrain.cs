using Orleans.Runtime;

namespace MolGrid.Grains.Tests;

/// <summary>Registers a durable reminder and counts its ticks (in memory: the test only asks the live activation).</summary>
[Alias("molgrid.tests.ticking")]
public interface ITickingGrain : IGrainWithStringKey
{
    [Alias("start")] Task StartAsync(TimeSpan due, TimeSpan period);
    [Alias("stop")] Task StopAsync();
    [Alias("ticks")] Task<int> TicksAsync();
    [Alias("names")] Task<string[]> ReminderNamesAsync();
}

public sealed class TickingGrain : Grain, ITickingGrain, IRemindable
{
    public const string Reminder = "tick";
    private int _ticks;

    public Task StartAsync(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(Reminder, due, period);

    public async Task StopAsync()
    {
        var r = await this.GetReminder(Reminder);
        if (r is not null) await this.UnregisterReminder(r);
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public async Task<string[]> ReminderNamesAsync() => (await this.GetReminders()).Select(r => r.ReminderName).ToArray();

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder) _ticks++;
        return Task.CompletedTask;
    }
}
