using System.Text.RegularExpressions;
using MolGrid.Molecules;
using static MolGrid.Server.Tests.ServerHost;

namespace MolGrid.Server.Tests;

/// <summary>`molgrid campaign ...` as a child process, against a server over the real embedded grid and
/// against the embedded grid in the CLI's own process.</summary>
public partial class CampaignCliTests(EmbeddedServerFixture fx) : IClassFixture<EmbeddedServerFixture>, IDisposable
{
    // A real, cheap design spec (Graph GA over the shipped starts, QED only): a product host serves no test engine,
    // and the embedded CLI processes below are product hosts.
    private const string Spec = "name: cli test\nseed: 5\nbudget: 48\ngenerator:\n  type: graph_ga\n  population_size: 16\n  offspring_size: 16\n" +
                                "  start_file: chembl_like_10k.smi\n  start_size: 16\nscoring:\n  components:\n    - type: qed\n      name: qed\n";

    private const string SyntheticSpec = "engine: synthetic\nname: not here\nbudget: 48\nround_size: 16\nlatency_ms: 1\ncomponents: cpu\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-cli-tests").FullName;

    [GeneratedRegex(@"submitted (\S+) ")]
    private static partial Regex SubmittedId();

    private string Server => fx.Host.BaseAddress.ToString().TrimEnd('/');

    private CliRunnerProcess.Result Remote(string key, params string[] args) =>
        CliRunnerProcess.Run(new Dictionary<string, string> { ["MOLGRID_SERVER"] = Server, ["MOLGRID_API_KEY"] = key }, args);

    private string WriteSpec(string text, string name = "spec.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>SMILES of the table rows `top` printed, in order.</summary>
    private static List<string> TopSmiles(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("│")).Skip(1)
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries)[3]).ToList();

    [Fact]
    public async Task SubmitWatchesToCompletionThenStatusTopAndExportMatchTheApi()
    {
        var submit = Remote(AliceKey, "campaign", "submit", WriteSpec(Spec));
        Assert.True(submit.ExitCode == 0, submit.StdErr);
        var id = SubmittedId().Match(submit.StdOut).Groups[1].Value;
        Assert.Matches(@"round \d+: 48/48 oracle calls", submit.StdOut);
        Assert.Contains($"{id} Completed: 48/48", submit.StdOut);

        var status = Remote(RitaKey, "campaign", "status", id);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Completed", status.StdOut);
        Assert.DoesNotContain("\u001b[", status.StdOut); // no colour codes into a pipe

        var top = Remote(RitaKey, "campaign", "top", id, "-n", "5");
        Assert.Equal(0, top.ExitCode);
        var api = await fx.Host.Client(RitaKey).GetFromJsonElement($"/api/campaigns/{id}/candidates?pageSize=5");
        Assert.Equal(api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("smiles").GetString()!), TopSmiles(top.StdOut));
        Assert.Contains($"5 of {api.GetProperty("total").GetInt32()} candidates", top.StdOut);

        var csv = Path.Combine(_dir, "out.csv");
        Assert.Equal(0, Remote(RitaKey, "campaign", "export", id, "--format", "csv", "--out", csv).ExitCode);
        var rows = Csv.Parse(File.ReadAllText(csv));
        Assert.Equal(api.GetProperty("total").GetInt32(), rows.Count - 1);

        var sdf = Path.Combine(_dir, "out.sdf");
        Assert.Equal(0, Remote(RitaKey, "campaign", "export", id, "--format", "sdf", "--out", sdf).ExitCode);
        var records = File.ReadAllText(sdf).Split("$$$$\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count - 1, records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            using var mol = MoleculeParser.ParseMolBlock(records[i][..(records[i].IndexOf("M  END", StringComparison.Ordinal) + 6)]);
            Assert.Equal(MoleculeWriter.Canonicalize(rows[i + 1][2]), MoleculeWriter.CanonicalSmiles(mol));
        }
    }

    [Fact]
    public void DetachedSubmitThenWatchFollowsRounds()
    {
        var submit = Remote(AliceKey, "campaign", "submit", WriteSpec(Spec.Replace("seed: 5", "seed: 6")), "--detach");
        Assert.Equal(0, submit.ExitCode);
        var id = SubmittedId().Match(submit.StdOut).Groups[1].Value;
        var watch = Remote(RitaKey, "campaign", "watch", id);
        Assert.True(watch.ExitCode == 0, watch.StdErr);
        Assert.Contains($"{id} Completed", watch.StdOut);
    }

    [Fact]
    public void TopWithFiltersAndBadSmarts()
    {
        var id = SubmittedId().Match(Remote(AliceKey, "campaign", "submit", WriteSpec(Spec.Replace("seed: 5", "seed: 8"))).StdOut).Groups[1].Value;
        var filtered = Remote(RitaKey, "campaign", "top", id, "-n", "50", "--substructure", "[NX3]");
        Assert.Equal(0, filtered.ExitCode);
        using var pattern = MoleculeParser.ParseSmarts("[NX3]");
        var smiles = TopSmiles(filtered.StdOut);
        Assert.NotEmpty(smiles);
        foreach (var s in smiles)
        {
            using var m = MoleculeParser.ParseSmiles(s);
            Assert.True(Substructure.HasMatch(m, pattern), s);
        }
        var bad = Remote(RitaKey, "campaign", "top", id, "--substructure", "c1cc[");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'substructure'", bad.StdErr);
        Assert.DoesNotContain("   at ", bad.StdErr);
    }

    [Fact]
    public void RefusalsAreExitCode2WithTheReason()
    {
        var badKey = Remote(AliceKey, "campaign", "submit", WriteSpec("name: bad\nbudgett: 4\n", "bad.yaml"));
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("'budgett'", badKey.StdErr);

        var researcher = Remote(RitaKey, "campaign", "submit", WriteSpec(Spec));
        Assert.Equal(2, researcher.ExitCode);
        Assert.Contains("researcher", researcher.StdErr);

        var unknownKey = Remote("not-a-key-0000000000000", "campaign", "status", "x");
        Assert.Equal(2, unknownKey.ExitCode);
        Assert.Contains("--api-key", unknownKey.StdErr);

        Assert.Equal(2, Remote(RitaKey, "campaign", "status", "no-such-campaign").ExitCode);
        Assert.Equal(2, Remote(AliceKey, "campaign", "submit", Path.Combine(_dir, "missing.yaml")).ExitCode);
        var unreachable = CliRunnerProcess.Run(null, "campaign", "status", "x", "--server", "http://127.0.0.1:1", "--api-key", AliceKey);
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("cannot reach", unreachable.StdErr);
    }

    /// <summary>The synthetic test engine lives in the harness (tools/MolGrid.Harness): a chemist's `engine:
    /// synthetic` spec is a spec error naming the key, through a server and on the embedded grid alike.</summary>
    [Fact]
    public void ASyntheticEngineSpecIsRefusedNamingEngine()
    {
        var remote = Remote(AliceKey, "campaign", "submit", WriteSpec(SyntheticSpec, "synthetic.yaml"));
        Assert.True(remote.ExitCode == 2, remote.StdErr);
        Assert.Contains("'engine'", remote.StdErr);

        var data = Path.Combine(_dir, "synthetic");
        var local = CliRunnerProcess.Run(null, "campaign", "submit", WriteSpec(SyntheticSpec, "synthetic.yaml"), "--data", data);
        Assert.True(local.ExitCode == 2, local.StdErr);
        Assert.Contains("'engine'", local.StdErr);
        Assert.DoesNotContain("   at ", local.StdErr);
        Assert.DoesNotContain("submitted", local.StdOut);
    }

    [Fact]
    public void EmbeddedModeRunsInProcessAndRanksAsTheServerDoes()
    {
        var data = Path.Combine(_dir, "data");
        var spec = WriteSpec(Spec.Replace("seed: 5", "seed: 9"));
        var local = CliRunnerProcess.Run(null, "campaign", "submit", spec, "--data", data);
        Assert.True(local.ExitCode == 0, local.StdErr);
        var localId = SubmittedId().Match(local.StdOut).Groups[1].Value;
        Assert.Contains("embedded grid in " + data, local.StdOut);
        Assert.True(File.Exists(Path.Combine(data, "grid.db")));
        var localTop = CliRunnerProcess.Run(null, "campaign", "top", localId, "-n", "10", "--data", data);
        Assert.Equal(0, localTop.ExitCode);

        // Same spec and seed through the server: the same ranking (determinism across hosts).
        var remote = Remote(AliceKey, "campaign", "submit", spec);
        var remoteId = SubmittedId().Match(remote.StdOut).Groups[1].Value;
        var remoteTop = Remote(RitaKey, "campaign", "top", remoteId, "-n", "10");
        Assert.Equal(TopSmiles(remoteTop.StdOut), TopSmiles(localTop.StdOut));
        Assert.Equal(10, TopSmiles(localTop.StdOut).Count);
    }

    [Fact]
    public void EmbeddedDetachedCampaignIsRunByTheNextWatch()
    {
        var data = Path.Combine(_dir, "detached");
        var submit = CliRunnerProcess.Run(null, "campaign", "submit", WriteSpec(Spec.Replace("seed: 5", "seed: 12")), "--data", data, "--detach");
        Assert.Equal(0, submit.ExitCode);
        var id = SubmittedId().Match(submit.StdOut).Groups[1].Value;
        Assert.Contains("Queued", CliRunnerProcess.Run(null, "campaign", "status", id, "--data", data).StdOut);
        var watch = CliRunnerProcess.Run(null, "campaign", "watch", id, "--data", data);
        Assert.True(watch.ExitCode == 0, watch.StdErr);
        Assert.Contains($"{id} Completed: 48/48", watch.StdOut);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task CtrlCOrSigtermStopsAnEmbeddedSubmitAndKeepsTheCampaign(string signal)
    {
        var data = Path.Combine(_dir, "interrupted-" + signal);
        var spec = WriteSpec(Spec.Replace("name: cli test", "name: long").Replace("seed: 5", "seed: 3").Replace("budget: 48", "budget: 100000"), $"long-{signal}.yaml");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "molgrid.dll"), "campaign", "submit", spec, "--data", data }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = new System.Text.StringBuilder();
        string? line;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            while ((line = await p.StandardOutput.ReadLineAsync(deadline.Token)) is not null && !line.StartsWith("round 2:", StringComparison.Ordinal))
                stdout.AppendLine(line);
        var id = SubmittedId().Match(stdout.ToString()).Groups[1].Value;
        Assert.NotEmpty(id);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, p.Id.ToString()])) await kill.WaitForExitAsync();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try { await p.WaitForExitAsync(deadline.Token); }
            catch (OperationCanceledException) { p.Kill(true); Assert.Fail($"molgrid ignored SIG{signal} for 30 s"); }
        }
        _ = await p.StandardOutput.ReadToEndAsync();
        Assert.Equal(130, p.ExitCode);
        Assert.Contains($"molgrid campaign watch {id}", await stderr);

        // The rounds run so far stay in the store, and the campaign is not marked finished.
        var status = CliRunnerProcess.Run(null, "campaign", "status", id, "--data", data);
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"round\s+([2-9]|\d\d+)\b", status.StdOut);
        Assert.DoesNotContain("Completed", status.StdOut);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
