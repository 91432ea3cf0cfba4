using Orleans.Runtime;

namespace MolGrid.Grains.Tests;

/// <summary>A grain whose count lives in MolGrid's ADO.NET grain storage: it must survive a silo restart.</summary>
[Alias("molgrid.tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("add")] Task<int> AddAsync(int n);
    [Alias("get")] Task<int> GetAsync();
}

[GenerateSerializer, Alias("molgrid.tests.counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
}

public sealed class CounterGrain([PersistentState("counter", OrleansNames.Storage)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int n)
    {
        state.State.Count += n;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
}
