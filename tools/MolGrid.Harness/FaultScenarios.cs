using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Harness.Scratch;
using MolGrid.Harness.Synthetic;
using Npgsql;
using Orleans.Configuration;

namespace MolGrid.Harness;

/// <summary>
/// One fault scenario: its silo child processes, the cluster client that submits and watches the campaign (in
/// this process), the fault, and the checks. Silos advertise fixed free ports, so a silo is found by port in the
/// silo list and in the campaign's store lease (<c>orleans:S127.0.0.1:PORT:...</c>).
/// </summary>
internal sealed partial class FaultScenarios(string name, string harnessDll, PostgresScratch db, PrivatePostgres? privatePg) : IAsyncDisposable
{
    private readonly List<Silo> _silos = [];
    private IHost? _client;
    private ICampaignService _campaigns = null!;
    private ISiloRegistry _registry = null!;

    private sealed record Silo(string Name, int Port, MolgridChild Process);

    public Task<FaultResult> RunAsync(CancellationToken ct) => name switch
    {
        "silo-kill" => SiloKillAsync(ct),
        "grain-silo-kill" => GrainSiloKillAsync(ct),
        "postgres-restart" => PostgresRestartAsync(ct),
        "scorer-throws" => ScorerThrowsAsync(ct),
        "scorer-hangs" => ScorerHangsAsync(ct),
        "poison-batch" => PoisonBatchAsync(ct),
        "partition" => PartitionAsync(ct),
        _ => throw new ArgumentException(name),
    };

    private static SyntheticSpec Spec(int latencyMs) => new()
    {
        Name = "faults", Seed = 4242, Budget = 384, RoundSize = 64, BatchSize = 8, Population = 12, LatencyMs = latencyMs, Components = ["cpu"],
    };

    // ---- scenarios ----

    private async Task<FaultResult> SiloKillAsync(CancellationToken ct)
    {
        await StartClusterAsync(3);
        var spec = Spec(60);
        var id = await SubmitAsync(spec, ct);
        // A silo holding work that does not also host the campaign grain (that is grain-silo-kill).
        Silo? victim = null;
        await Until(async () => (victim = await BusySiloAsync(id, exceptGrainSilo: true, ct)) is not null, TimeSpan.FromSeconds(90), "a busy silo without the campaign grain");
        var round = (await _campaigns.GetAsync(id, ct))!.Round;
        var killedAt = DateTime.UtcNow;
        victim!.Process.KillHard();
        await Until(async () => (await _campaigns.GetAsync(id, ct))!.Round > round, TimeSpan.FromMinutes(3), "the round in flight to be recorded");
        var roundAfter = DateTime.UtcNow - killedAt;
        var info = await WaitDoneAsync(id);
        return await VerifyAsync(info, spec, null, $"killed {victim.Name} (kill -9) while it held work in round {round + 1}, which was recorded {roundAfter.TotalSeconds:0} s later");
    }

    private async Task<FaultResult> GrainSiloKillAsync(CancellationToken ct)
    {
        await StartClusterAsync(3);
        var spec = Spec(60);
        var id = await SubmitAsync(spec, ct);
        await Until(async () => (await _campaigns.GetAsync(id, ct))!.Round >= 1, TimeSpan.FromSeconds(90), "the first round");
        var owner = await LeaseOwnerAsync(id);
        var victim = SiloOf(owner) ?? throw new InvalidOperationException($"no silo of this run holds the campaign lease '{owner}'");
        var round = (await _campaigns.GetAsync(id, ct))!.Round;
        var killedAt = DateTime.UtcNow;
        victim.Process.KillHard();
        await Until(async () => SiloOf(await LeaseOwnerAsync(id)) is { } s && s != victim, TimeSpan.FromMinutes(3), "another silo to take the campaign");
        var resumedAfter = DateTime.UtcNow - killedAt;
        var newOwner = SiloOf(await LeaseOwnerAsync(id))!;
        var info = await WaitDoneAsync(id);
        var progress = await _campaigns.GetProgressAsync(id, ct);
        var roundsOk = progress.Select(p => p.Round).SequenceEqual(Enumerable.Range(1, spec.Budget / spec.RoundSize));
        var r = await VerifyAsync(info, spec, null,
            $"killed {victim.Name} (kill -9), host of the campaign grain, after round {round}; {newOwner.Name} resumed it {resumedAfter.TotalSeconds:0} s later; rounds recorded 1..{progress.Count} once each={roundsOk}");
        return r with { Passed = r.Passed && roundsOk };
    }

    private async Task<FaultResult> PostgresRestartAsync(CancellationToken ct)
    {
        var pg = privatePg ?? throw new InvalidOperationException("postgres-restart needs the private PostgreSQL server");
        await StartClusterAsync(2);
        var spec = Spec(100);
        var id = await SubmitAsync(spec, ct);
        await Until(async () => (await _campaigns.GetAsync(id, ct))!.Round >= 1, TimeSpan.FromSeconds(90), "the first round");
        var roundDown = (await _campaigns.GetAsync(id, ct))!.Round;
        await pg.StopServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        await pg.StartServerAsync();
        var restartedAt = DateTime.UtcNow;
        await Until(async () => (await _campaigns.GetAsync(id, ct))!.Round > roundDown, TimeSpan.FromMinutes(3), "a round recorded after the restart");
        var roundAfter = DateTime.UtcNow - restartedAt;
        var info = await WaitDoneAsync(id);
        return await VerifyAsync(info, spec, null,
            $"private PostgreSQL stopped (pg_ctl -m fast) in round {roundDown + 1} for 5 s, restarted; the next round was recorded {roundAfter.TotalSeconds:0} s after the restart");
    }

    private async Task<FaultResult> ScorerThrowsAsync(CancellationToken ct)
    {
        var basic = Spec(5) with { Budget = 128 };
        var bad = SyntheticReference.FirstRound(basic)[1];
        return await FailingMoleculesAsync(basic with { ThrowOn = bad }, [bad], "synthetic scorer failure", ct);
    }

    private async Task<FaultResult> ScorerHangsAsync(CancellationToken ct)
    {
        var basic = Spec(5) with { Budget = 128 };
        var hung = SyntheticReference.FirstRound(basic)[20];
        return await FailingMoleculesAsync(basic with { HangOn = hung, MoleculeTimeoutMs = 500 }, [hung], "timed out", ct);
    }

    private async Task<FaultResult> PoisonBatchAsync(CancellationToken ct)
    {
        var basic = Spec(5) with { Budget = 128 };
        var first = SyntheticReference.FirstRound(basic);
        // The batch holding molecule 40 (batches of 8: molecules 40..47) cannot be processed on any silo.
        return await FailingMoleculesAsync(basic with { CrashOn = first[40] }, first.Skip(40).Take(8).ToList(), "times on the grid: ", ct);
    }

    /// <summary>The molecules meant to fail fail with a reason (containing <paramref name="reason"/> when given);
    /// every other molecule is scored exactly as the scorer would; the ranking is the reference's with them failed.</summary>
    private async Task<FaultResult> FailingMoleculesAsync(SyntheticSpec spec, IReadOnlyList<string> failing, string? reason, CancellationToken ct)
    {
        await StartClusterAsync(2);
        var id = await SubmitAsync(spec, ct);
        var info = await WaitDoneAsync(id);
        var all = await AllCandidatesAsync(id);
        var bySmiles = all.GroupBy(c => c.Smiles).ToDictionary(g => g.Key, g => g.First());
        var problems = new List<string>();
        var reasons = failing.Select(s => bySmiles.TryGetValue(s, out var c) ? c.Error : "(missing)").Distinct().ToList();
        if (!failing.All(s => bySmiles.TryGetValue(s, out var c) && c.Error is { Length: > 0 } e && (reason is null || e.Contains(reason))))
            problems.Add("a molecule meant to fail did not fail with its reason");
        var failed = failing.ToHashSet();
        if (!all.Where(c => !failed.Contains(c.Smiles)).All(c => c.Error is null && Math.Abs(c.Score - SyntheticComponent.Value("synthetic_cpu", c.Smiles)) < 1e-12))
            problems.Add("a molecule outside the fault was failed or mis-scored");
        var r = await VerifyAsync(info, spec, failed, $"{failing.Count} molecule(s) failed with '{string.Join("' / '", reasons)}'");
        return r with { Passed = r.Passed && problems.Count == 0, Detail = r.Detail + (problems.Count > 0 ? " PROBLEMS: " + string.Join("; ", problems) : "") };
    }

    private async Task<FaultResult> PartitionAsync(CancellationToken ct)
    {
        if (await Partition.UnavailableReasonAsync() is { } why) throw new InvalidOperationException(why);
        await using var partition = new Partition();
        await StartClusterAsync(2);
        var victim = StartSilo("silo-cut", db.Url, FreePort(), FreePort(), [], Partition.Uid);
        await Until(async () => (await _registry.ListAsync(ct)).Count(s => s.State == SiloState.Active) >= 3, TimeSpan.FromSeconds(90), "3 active silos");
        var spec = Spec(60);
        var id = await SubmitAsync(spec, ct);
        await Until(async () => (await _registry.ListAsync(ct)).Any(s => PortOf(s.Id) == victim.Port && s.Busy > 0), TimeSpan.FromSeconds(90), "the victim to hold work");
        var grainOnVictim = SiloOf(await LeaseOwnerAsync(id)) == victim;
        var round = (await _campaigns.GetAsync(id, ct))!.Round;
        await partition.CutAsync();
        var cutAt = DateTime.UtcNow;
        string declared;
        try
        {
            await Until(async () => (await _registry.ListAsync(ct)).Any(s => PortOf(s.Id) == victim.Port && s.State == SiloState.Lost), TimeSpan.FromSeconds(30), "the victim to be declared dead");
            declared = $"declared dead after {(DateTime.UtcNow - cutAt).TotalSeconds:0.0} s";
        }
        catch (TimeoutException) { declared = "not declared dead within 30 s"; }
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await partition.RestoreAsync();
        var cutFor = DateTime.UtcNow - cutAt;
        var info = await WaitDoneAsync(id);
        // A silo that learns it was declared dead stops itself; give it the moment that takes.
        await Until(() => Task.FromResult(victim.Process.Exited), TimeSpan.FromSeconds(20), "the reconnected silo to stop").ContinueWith(_ => { });
        return await VerifyAsync(info, spec, null,
            $"cut {victim.Name} off (nftables: all its loopback packets dropped) at round {round + 1} for {cutFor.TotalSeconds:0.0} s (campaign grain on it={grainOnVictim}; {declared}), reconnected; it then stopped itself={victim.Process.Exited}");
    }

    // ---- cluster ----

    private async Task StartClusterAsync(int silos)
    {
        for (var i = 0; i < silos; i++) StartSilo($"silo-{(char)('a' + i)}", db.Url, FreePort(), FreePort(), []);
        // Learn of silos that come and go within a second or two, not Orleans' default minute.
        _client = await HarnessClient.StartAsync(db.Url, TimeSpan.FromSeconds(90),
            b => b.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1)));
        _campaigns = _client.Services.GetRequiredService<ICampaignService>();
        _registry = _client.Services.GetRequiredService<ISiloRegistry>();
        await Until(async () => (await _registry.ListAsync(CancellationToken.None)).Count(s => s.State == SiloState.Active) >= silos, TimeSpan.FromSeconds(90), $"{silos} active silos");
    }

    private Silo StartSilo(string silo, string cluster, int port, int gatewayPort, IReadOnlyList<string> extra, int? uid = null)
    {
        var child = MolgridChild.StartAs(uid, harnessDll, silo, ["silo", "--cluster", cluster, "--roles", "cpu", "--slots", "2",
            "--port", port.ToString(), "--gateway-port", gatewayPort.ToString(), .. extra]);
        var s = new Silo(silo, port, child);
        _silos.Add(s);
        return s;
    }

    private async Task<string> SubmitAsync(SyntheticSpec spec, CancellationToken ct) =>
        (await _campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "faults"), ct)).Id;

    private async Task<Silo?> BusySiloAsync(string campaign, bool exceptGrainSilo, CancellationToken ct)
    {
        var grainSilo = exceptGrainSilo ? SiloOf(await LeaseOwnerAsync(campaign)) : null;
        if (exceptGrainSilo && grainSilo is null) return null; // not leased yet
        var busy = (await _registry.ListAsync(ct)).Where(s => s.Busy > 0 && s.State == SiloState.Active).Select(s => PortOf(s.Id)).ToHashSet();
        return _silos.FirstOrDefault(s => busy.Contains(s.Port) && s != grainSilo && !s.Process.Exited);
    }

    private Silo? SiloOf(string? leaseOwner) =>
        leaseOwner is null ? null : _silos.FirstOrDefault(s => leaseOwner.Contains($":{s.Port}:") || leaseOwner.Contains($":{s.Port}@"));

    private static int PortOf(string siloId) => SiloPort().Match(siloId) is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;

    [GeneratedRegex(@"^[^:]+:(\d+)")]
    private static partial Regex SiloPort();

    // ---- store reads (the scratch database directly: the harness checks what was stored, not what an API says) ----

    private async Task<string?> LeaseOwnerAsync(string campaign) =>
        await ScalarAsync("SELECT lease_owner FROM campaigns WHERE id = @c", campaign) as string;

    private async Task<object?> ScalarAsync(string sql, string campaign)
    {
        await using var conn = new NpgsqlConnection(StoreAddress.Parse(db.Url).ConnectionString + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("c", campaign);
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    private async Task<List<Candidate>> AllCandidatesAsync(string id)
    {
        var all = new List<Candidate>();
        for (var page = 1; ; page++)
        {
            var p = await _campaigns.QueryCandidatesAsync(id, new CandidateQuery(Page: page, PageSize: 1000), CancellationToken.None);
            all.AddRange(p.Items);
            if (all.Count >= p.Total || p.Items.Count == 0) return all;
        }
    }

    /// <summary>lost: molecules of the undisturbed run missing from the campaign; duplicated: molecules counted
    /// more than once (oracle calls beyond distinct candidates, repeated candidate rows).</summary>
    private async Task<FaultResult> VerifyAsync(CampaignInfo info, SyntheticSpec spec, ISet<string>? failed, string detail)
    {
        var reference = SyntheticReference.Ranking(spec, failed);
        var all = await AllCandidatesAsync(info.Id);
        var got = all.Select(c => c.Smiles).ToList();
        var distinct = got.Distinct().Count();
        var lost = reference.Except(got).Count();
        // Batch results cannot be stored twice (primary key (campaign, batch), insert-if-absent) and are deleted
        // once their round is recorded, so what could show a double count is what stays: candidates and calls.
        var duplicated = Math.Max(0, info.OracleCalls - distinct) + (got.Count - distinct);
        var sameRanking = reference.SequenceEqual(got);
        var passed = info.Status == CampaignStatus.Completed && lost == 0 && duplicated == 0 && sameRanking;
        return new FaultResult(name, passed, lost, duplicated,
            $"{detail}; status={info.Status}, scored={distinct}/{reference.Count}, same ranking as undisturbed run={sameRanking}" +
            (passed && Environment.GetEnvironmentVariable("MOLGRID_HARNESS_LOGS") != "1" ? "" : $" (error: {info.Error})\n" + Logs()));
    }

    private async Task<CampaignInfo> WaitDoneAsync(string id)
    {
        CampaignInfo? info = null;
        await Until(async () => (info = await _campaigns.GetAsync(id, CancellationToken.None))!.Status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled,
            TimeSpan.FromMinutes(4), "the campaign to finish");
        return info!;
    }

    private static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        GridBench.WaitUntilAsync(condition, timeout, what, pollMs: 100);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public string Logs() => string.Join("\n", _silos.Select(s => $"--- {s.Name} (port {s.Port}, pid {s.Process.Pid}, exited={s.Process.Exited})\n{Tail(s.Process.Log, 6000)}"));

    private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _client.StopAsync(stop.Token); } catch (Exception) { }
            _client.Dispose();
        }
        foreach (var s in _silos) s.Process.KillHard(); // the scenario is over; nothing to hand over
        foreach (var s in _silos) s.Process.Dispose();
    }
}
