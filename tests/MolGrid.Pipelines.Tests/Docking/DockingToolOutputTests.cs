using MolGrid.Pipelines.Docking;

namespace MolGrid.Pipelines.Tests.Docking;

/// <summary>How the docking path treats tools that misbehave: output it cannot read and children that hang.</summary>
public class DockingToolOutputTests
{
    [Fact]
    public void VinaScoresReadsEveryModeInOrder()
    {
        const string poses = "MODEL 1\nREMARK VINA RESULT:    -6.642      0.000      0.000\nENDMDL\nMODEL 2\nREMARK VINA RESULT:    -5.9  1.2  2.3\nENDMDL\n";
        Assert.Equal([-6.642, -5.9], Pdbqt.VinaScores(poses));
    }

    [Theory]
    [InlineData("REMARK VINA RESULT:    nan      0.000      0.000")]
    [InlineData("REMARK VINA RESULT:    -6,642      0.000      0.000")]
    [InlineData("REMARK VINA RESULT:")]
    public void AnUnreadableScoreLineFailsTheLigandNamingTheLine(string line)
    {
        var e = Assert.Throws<DockingFailedException>(() => Pdbqt.VinaScores("MODEL 1\n" + line + "\nENDMDL\n"));
        Assert.Contains("unreadable score line", e.Message);
        Assert.Contains(line.Trim(), e.Message);
    }

    [Fact]
    public async Task AChildThatNeverReadsItsInputStillTimesOut()
    {
        // 1 MiB is far beyond a pipe's buffer, so the write blocks until the child reads, which sleep never does.
        var input = new string('x', 1 << 20);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DockingFailedException>(() =>
            ExternalProcess.RunAsync("sleep", ["60"], input, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Contains("timed out", e.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed.TotalSeconds:0} s; the deadline did not cover the stdin write");
    }

    [Fact]
    public async Task AChildThatExitsWithoutReadingReportsItsExitCode()
    {
        var r = await ExternalProcess.RunAsync("sh", ["-c", "echo refused >&2; exit 3"], new string('x', 1 << 20), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("refused", r.StdErr);
    }
}
