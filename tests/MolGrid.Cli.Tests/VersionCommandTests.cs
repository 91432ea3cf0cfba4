namespace MolGrid.Cli.Tests;

public class VersionCommandTests
{
    [Fact]
    public void VersionNamesDebiansRdkit()
    {
        var r = CliProcess.Run("version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"RDKit 2022\.09\.\d+", r.StdOut);
    }

    [Fact]
    public void UnknownCommandIsBadInputWithoutStackTrace()
    {
        var r = CliProcess.Run("no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-command", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
    }
}
