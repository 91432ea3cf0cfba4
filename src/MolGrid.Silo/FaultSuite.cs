using System.Diagnostics;
using MolGrid.Grains;
using MolGrid.Grains.Configuration;
using MolGrid.Grains.Messages;
using MolGrid.Grains.Planning.Synthetic;
using MolGrid.Silo.Scratch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace MolGrid.Silo;

public sealed record FaultResult(string Name, bool Passed, int Lost, int Duplicated, string Detail);

public sealed record FaultSummary(IReadOnlyList<FaultResult> Results)
{
    public int Passed => Results.Count(r => r.Passed);
    public int Total => Results.Count;
    public int Lost => Results.Sum(r => r.Lost);
    public int Duplicated => Results.Sum(r => r.Duplicated);
    public string Line => $"faults {Passed}/{Total} lost={Lost} duplicated={Duplicated}";
}

/// <summary>
/// The grid's fault suite: real `molgrid silo` / `molgrid orchestrator` child processes on a private RabbitMQ
/// node (restartable without disturbing the shared broker) and a scratch PostgreSQL database per scenario.
/// Each scenario checks that the campaign finishes with every proposed molecule scored exactly once and,
/// where no molecule was meant to fail, with the same ranking as an undistributed run of the same seed.
/// </summary>
public static class FaultSuite
{
    public static IReadOnlyList<string> Scenarios { get; } = ["silo-kill", "orchestrator-kill", "broker-restart", "bad-scorer"];

    public static async Task<FaultSummary> RunAsync(IReadOnlyList<string>? only, string molgridDll, TextWriter output, CancellationToken ct)
    {
        var chosen = only is { Count: > 0 } ? Scenarios.Where(only.Contains).ToList() : Scenarios.ToList();
        var results = new List<FaultResult>();
        output.WriteLine("faults: starting a private RabbitMQ node on loopback");
        await using var node = await PrivateRabbitNode.StartAsync("faults");
        output.WriteLine($"faults: node {node.Node} on 127.0.0.1:{node.Port}");
        foreach (var name in chosen)
        {
            var sw = Stopwatch.StartNew();
            FaultResult result;
            await using (var db = await PostgresScratch.CreateAsync("molgrid_faults"))
            await using (var vhost = await RabbitVhost.CreateAsync("faults", node.Node, node.Port))
            {
                var run = new ScenarioRun(name, molgridDll, node, vhost, db);
                try
                {
                    result = name switch
                    {
                        "silo-kill" => await run.SiloKillAsync(ct),
                        "orchestrator-kill" => await run.OrchestratorKillAsync(ct),
                        "broker-restart" => await run.BrokerRestartAsync(ct),
                        "bad-scorer" => await run.BadScorerAsync(ct),
                        _ => throw new ArgumentException(name),
                    };
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    result = new FaultResult(name, false, 0, 0, $"{e.GetType().Name}: {e.Message}\n{run.Logs()}");
                }
                finally
                {
                    await run.DisposeAsync();
                }
            }
            output.WriteLine($"fault {name}: {(result.Passed ? "PASS" : "FAIL")} lost={result.Lost} duplicated={result.Duplicated} ({sw.Elapsed.TotalSeconds:0.0} s) {result.Detail}");
            results.Add(result);
        }
        var summary = new FaultSummary(results);
        output.WriteLine(summary.Line);
        return summary;
    }

    private sealed class ScenarioRun(string name, string dll, PrivateRabbitNode node, RabbitVhost vhost, PostgresScratch db) : IAsyncDisposable
    {
        private readonly List<MolgridChild> _children = [];
        private IHost? _client;

        private MolgridChild Silo(string id, int slots, string roles = "cpu") =>
            Add(MolgridChild.Start(dll, id, "silo", "--bus", vhost.Url, "--store", db.Url, "--roles", roles, "--slots", slots.ToString(), "--id", id));

        private MolgridChild Orchestrator(string id) =>
            Add(MolgridChild.Start(dll, id, "orchestrator", "--bus", vhost.Url, "--store", db.Url, "--id", id, "--lease-seconds", "4", "--resend-seconds", "20"));

        private MolgridChild Add(MolgridChild c) { _children.Add(c); return c; }

        public string Logs() => string.Join("\n", _children.Select(c => $"--- {c.Name} (pid {c.Pid}, exited={c.Exited})\n{Tail(c.Log, 2500)}"));

        private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];

        private async Task<(ICampaignService Campaigns, ISiloRegistry Silos)> ClientAsync()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Services.AddMolGridCluster(vhost.Url, db.Url);
            _client = builder.Build();
            await _client.StartAsync();
            return (_client.Services.GetRequiredService<ICampaignService>(), _client.Services.GetRequiredService<ISiloRegistry>());
        }

        private static SyntheticSpec Spec(int latencyMs) => new()
        {
            Name = "faults", Seed = 4242, Budget = 384, RoundSize = 64, BatchSize = 8, Population = 12, LatencyMs = latencyMs, Components = ["cpu"],
        };

        public async Task<FaultResult> SiloKillAsync(CancellationToken ct)
        {
            var (campaigns, silos) = await ClientAsync();
            Orchestrator("orch-1");
            var victim = Silo("silo-victim", 2);
            Silo("silo-survivor", 2);
            var spec = Spec(60);
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "faults"), ct)).Id;
            // Kill once the victim is working (it holds prefetched, unacknowledged batches at that point).
            await Until(async () => (await silos.ListAsync(ct)).FirstOrDefault(s => s.Id == "silo-victim") is { BatchesDone: >= 2, Busy: > 0 }, TimeSpan.FromSeconds(90), "the victim silo to be busy");
            var roundAtKill = (await campaigns.GetAsync(id, ct))!.Round;
            victim.KillHard();
            var info = await WaitDone(campaigns, id, TimeSpan.FromMinutes(3));
            return await Verify(campaigns, info, spec, null, $"killed silo-victim (kill -9) during round {roundAtKill + 1}");
        }

        public async Task<FaultResult> OrchestratorKillAsync(CancellationToken ct)
        {
            var (campaigns, _) = await ClientAsync();
            var first = Orchestrator("orch-first");
            Silo("silo-a", 2);
            Silo("silo-b", 2);
            var spec = Spec(40);
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "faults"), ct)).Id;
            await Until(async () => (await campaigns.GetAsync(id, ct))!.Round >= 2, TimeSpan.FromSeconds(90), "two rounds");
            first.KillHard();
            var roundAtKill = (await campaigns.GetAsync(id, ct))!.Round;
            var second = Orchestrator("orch-second");
            var info = await WaitDone(campaigns, id, TimeSpan.FromMinutes(3));
            var resumed = second.Log.Contains($"resuming after round");
            var progress = await campaigns.GetProgressAsync(id, ct);
            var roundsOk = progress.Select(p => p.Round).SequenceEqual(Enumerable.Range(1, spec.Budget / spec.RoundSize));
            var r = await Verify(campaigns, info, spec, null, $"killed orch-first (kill -9) after round {roundAtKill}; orch-second resumed={resumed}; rounds recorded 1..{progress.Count} once each={roundsOk}");
            return r with { Passed = r.Passed && resumed && roundsOk };
        }

        public async Task<FaultResult> BrokerRestartAsync(CancellationToken ct)
        {
            var (campaigns, _) = await ClientAsync();
            Orchestrator("orch-1");
            Silo("silo-a", 2);
            Silo("silo-b", 2);
            var spec = Spec(40);
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "faults"), ct)).Id;
            await Until(async () => (await campaigns.GetAsync(id, ct))!.Round >= 1, TimeSpan.FromSeconds(90), "the first round");
            await node.StopBrokerAsync();
            var roundDown = (await campaigns.GetAsync(id, ct))!.Round;
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            var roundStillDown = (await campaigns.GetAsync(id, ct))!.Round;
            var stalled = roundStillDown <= roundDown + 1 && roundStillDown * spec.RoundSize < spec.Budget;
            await node.StartBrokerAsync();
            var info = await WaitDone(campaigns, id, TimeSpan.FromMinutes(3));
            var r = await Verify(campaigns, info, spec, null, $"broker stopped at round {roundDown}, round {roundStillDown} after 4 s down (stalled={stalled}), restarted");
            return r with { Passed = r.Passed && stalled };
        }

        public async Task<FaultResult> BadScorerAsync(CancellationToken ct)
        {
            var (campaigns, _) = await ClientAsync();
            var basic = Spec(5) with { Budget = 128 };
            var first = SyntheticReference.FirstRound(basic);
            // Aimed at three different batches of 8: a throwing scorer, a hung scorer, and a batch no silo can process.
            var spec = basic with { ThrowOn = first[1], HangOn = first[20], CrashOn = first[40], MoleculeTimeoutMs = 500 };
            Orchestrator("orch-1");
            Silo("silo-a", 2);
            Silo("silo-b", 2);
            var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "faults"), ct)).Id;
            var info = await WaitDone(campaigns, id, TimeSpan.FromMinutes(3));
            var poisonBatch = first.Skip(40).Take(8).ToHashSet();
            var expectedFailed = new HashSet<string>(poisonBatch) { first[1], first[20] };
            var all = await AllCandidates(campaigns, id);
            var bySmiles = all.ToDictionary(c => c.Smiles);
            var checks = new List<string>();
            bool Check(bool ok, string what) { if (!ok) checks.Add(what); return ok; }
            Check(bySmiles.TryGetValue(first[1], out var thrown) && thrown.Error?.Contains("synthetic scorer failure") == true, "thrown molecule not failed with its reason");
            Check(bySmiles.TryGetValue(first[20], out var hung) && hung.Error?.Contains("timed out") == true, "hung molecule not failed as timed out");
            Check(poisonBatch.All(s => bySmiles.TryGetValue(s, out var c) && c.Error?.Contains("batch failed") == true), "poison batch not recorded as failed");
            Check(all.Where(c => !expectedFailed.Contains(c.Smiles)).All(c => c.Error is null && Math.Abs(c.Score - SyntheticComponent.Value("synthetic_cpu", c.Smiles)) < 1e-12),
                "a molecule outside the faults was failed or mis-scored");
            var errorQueue = await QueueDepth(WorkQueues.For("cpu") + "_error");
            Check(errorQueue >= 1, "no message in the error queue");
            var r = await Verify(campaigns, info, spec, expectedFailed, $"thrown='{thrown?.Error}', hung='{hung?.Error}', poison batch failed={poisonBatch.Count}, error queue={errorQueue}");
            return r with { Passed = r.Passed && checks.Count == 0, Detail = r.Detail + (checks.Count > 0 ? " PROBLEMS: " + string.Join("; ", checks) : "") };
        }

        private async Task<uint> QueueDepth(string queue)
        {
            var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = node.Port, VirtualHost = vhost.Name, UserName = "guest", Password = "guest" };
            await using var conn = await factory.CreateConnectionAsync();
            await using var channel = await conn.CreateChannelAsync();
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }

        private static async Task<List<Candidate>> AllCandidates(ICampaignService campaigns, string id)
        {
            var all = new List<Candidate>();
            for (var page = 1; ; page++)
            {
                var p = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(Page: page, PageSize: 1000), CancellationToken.None);
                all.AddRange(p.Items);
                if (all.Count >= p.Total || p.Items.Count == 0) return all;
            }
        }

        /// <summary>lost: proposed by the undistributed run but absent; duplicated: scored into the campaign more than once.</summary>
        private async Task<FaultResult> Verify(ICampaignService campaigns, CampaignInfo info, SyntheticSpec spec, ISet<string>? failed, string detail)
        {
            var reference = SyntheticReference.Ranking(spec, failed);
            var all = await AllCandidates(campaigns, info.Id);
            var got = all.Select(c => c.Smiles).ToList();
            var lost = reference.Except(got).Count();
            var duplicated = Math.Max(0, info.OracleCalls - got.Distinct().Count()) + Math.Max(0, got.Count - got.Distinct().Count());
            var sameRanking = reference.SequenceEqual(got);
            var passed = info.Status == CampaignStatus.Completed && lost == 0 && duplicated == 0 && sameRanking;
            return new FaultResult(name, passed, lost, duplicated,
                $"{detail}; status={info.Status}, scored={got.Count}/{reference.Count}, same ranking as undisturbed run={sameRanking}" + (passed ? "" : "\n" + Logs()));
        }

        private static async Task<CampaignInfo> WaitDone(ICampaignService campaigns, string id, TimeSpan timeout)
        {
            CampaignInfo? info = null;
            await Until(async () => (info = await campaigns.GetAsync(id, CancellationToken.None))!.Status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Cancelled,
                timeout, "the campaign to finish");
            return info!;
        }

        private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try { if (await condition()) return; }
                catch (Exception) when (DateTime.UtcNow < deadline) { }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in _children) c.Dispose();
            if (_client is not null)
            {
                try { await _client.StopAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
                _client.Dispose();
            }
        }
    }
}
