using MolGrid.Silo;
using MolGrid.Silo.Scratch;
using Xunit.Abstractions;

namespace MolGrid.Grains.Tests;

/// <summary>The fault suite (`molgrid bench faults`), run by CI: kill -9 of a silo and of the orchestrator,
/// a broker restart, and scorers that throw, hang or poison a batch; real child processes, a private
/// RabbitMQ node and scratch PostgreSQL databases.</summary>
[Collection("cluster")]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task EveryFaultScenarioFinishesWithNothingLostOrDuplicated()
    {
        var log = new StringWriter();
        var summary = await FaultSuite.RunAsync(null, MolgridChild.DefaultDll, log, CancellationToken.None);
        output.WriteLine(log.ToString());
        Assert.Equal(FaultSuite.Scenarios.Count, summary.Total);
        Assert.True(summary.Passed == summary.Total, log.ToString());
        Assert.Equal(0, summary.Lost);
        Assert.Equal(0, summary.Duplicated);
    }
}
