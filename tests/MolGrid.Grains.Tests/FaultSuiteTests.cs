using MolGrid.Harness;
using MolGrid.Harness.Scratch;
using Xunit.Abstractions;

namespace MolGrid.Grains.Tests;

/// <summary>The fault harness (`molgrid bench faults`, tools/MolGrid.Harness) as CI runs it: its cheapest
/// scenario, end to end, through the same code: `molgrid-harness silo` child processes on a scratch
/// PostgreSQL database, a scorer that throws on one molecule, checked against the undisturbed ranking. The
/// whole suite (kills, PostgreSQL restart, partition) is `./molgrid bench faults`; its figures are in docs/grid.md.</summary>
[Collection("cluster")]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheScorerThrowsScenarioFinishesWithNothingLostOrDuplicated()
    {
        var log = new StringWriter();
        var summary = await FaultSuite.RunAsync(["scorer-throws"], MolgridChild.HarnessDll, log, CancellationToken.None);
        output.WriteLine(log.ToString());
        Assert.Equal(1, summary.Total);
        Assert.True(summary.Passed == 1, log.ToString());
        Assert.Equal("faults 1/1 lost=0 duplicated=0", log.ToString().TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task AnUnknownScenarioIsBadInput()
    {
        await Assert.ThrowsAsync<MolGrid.Grains.Configuration.GridConfigException>(() =>
            FaultSuite.RunAsync(["no-such-fault"], MolgridChild.HarnessDll, TextWriter.Null, CancellationToken.None));
    }
}
