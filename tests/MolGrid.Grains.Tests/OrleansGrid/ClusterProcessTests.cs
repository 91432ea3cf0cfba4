using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MolGrid.Harness.Synthetic;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>
/// The Orleans cluster as an operator runs it: silo child processes on a scratch PostgreSQL database (`molgrid-harness
/// silo`, which is `molgrid silo --cluster`'s composition plus the synthetic engine the test campaign needs; no
/// orchestrator process, no broker), `molgrid silos --cluster` listing and draining them,
/// `molgrid serve --cluster` as a client answering its probes and listing the silos, and a cluster client
/// submitting a campaign that the silo processes run to the undistributed ranking.
/// </summary>
[Collection("cluster")]
public sealed class ClusterProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-cluster-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Molgrid(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(MolgridChild.DefaultDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = MolgridChild.RepoRoot;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException(string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static async Task<List<string[]>> SilosAsync(string cluster, Func<List<string[]>, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var r = Molgrid("silos", "--cluster", cluster);
            Assert.True(r.Code == 0, r.Err + r.Out);
            var rows = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(l => !l.StartsWith('(')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (until(rows)) return rows;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("silos never showed the expected state:\n" + r.Out);
            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Silo_processes_run_a_campaign_and_silos_and_serve_see_and_steer_them()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_cluster_cli");
        // `molgrid-harness silo`: the product's silo composition plus the synthetic engine the campaign below needs.
        using var a = MolgridChild.Start(MolgridChild.HarnessDll, "silo-a", "silo", "--cluster", db.Url, "--roles", "cpu,gpu", "--slots", "2", "--port", "0", "--gateway-port", "0");
        using var b = MolgridChild.Start(MolgridChild.HarnessDll, "silo-b", "silo", "--cluster", db.Url, "--roles", "cpu", "--slots", "2", "--port", "0", "--gateway-port", "0");
        try
        {
            var rows = await SilosAsync(db.Url, r => r.Count(x => x.Contains("Active")) == 2 && r.All(x => x[3] == "2"));
            Assert.Contains(rows, r => r[2] == "cpu,gpu");
            Assert.Contains(rows, r => r[2] == "cpu");

            // A campaign submitted by a cluster client runs on the silo processes: the undistributed ranking.
            var spec = new SyntheticSpec { Name = "cluster", Seed = 4, Budget = 48, RoundSize = 16, BatchSize = 4, Components = ["cpu", "gpu"] };
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddMolGridClusterClient(db.Url, TimeSpan.FromSeconds(30)).UseMolGridSyntheticEngine();
            using (var client = builder.Build())
            {
                await client.StartAsync();
                var campaigns = client.Services.GetRequiredService<ICampaignService>();
                var id = (await campaigns.SubmitAsync(new CampaignSubmission(spec.Render(), "alice"), CancellationToken.None)).Id;
                var done = await GridHosts.WaitForAsync(campaigns, id, TimeSpan.FromMinutes(2));
                Assert.Equal(CampaignStatus.Completed, done.Status);
                var page = await campaigns.QueryCandidatesAsync(id, new CandidateQuery(PageSize: 1000), CancellationToken.None);
                Assert.Equal(MolGrid.Harness.SyntheticReference.Ranking(spec), page.Items.Select(c => c.Smiles).ToList());
                Assert.Equal(3, (await campaigns.GetProgressAsync(id, CancellationToken.None)).Count);
                await client.StopAsync();
            }

            // Drain and resume through the CLI, by the id `silos` prints.
            var gpuSilo = rows.Single(r => r[2] == "cpu,gpu")[0];
            var drain = Molgrid("silos", "drain", gpuSilo, "--cluster", db.Url);
            Assert.True(drain.Code == 0, drain.Err);
            await SilosAsync(db.Url, r => r.Single(x => x[0] == gpuSilo)[5] == "Drained");
            Assert.Equal(0, Molgrid("silos", "resume", gpuSilo, "--cluster", db.Url).Code);
            await SilosAsync(db.Url, r => r.Single(x => x[0] == gpuSilo)[5] == "Active");
            var unknown = Molgrid("silos", "drain", "127.0.0.1:1@1", "--cluster", db.Url);
            Assert.Equal(2, unknown.Code);

            // serve as a cluster client: liveness, readiness, and the silos the admin API lists.
            var port = FreePort();
            var data = Path.Combine(_dir, "serve");
            using var serve = MolgridChild.Start(MolgridChild.DefaultDll, "serve", "serve", "--cluster", db.Url, "--urls", $"http://127.0.0.1:{port}", "--data", data);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? ready = null;
            for (var i = 0; i < 120 && ready?.StatusCode != HttpStatusCode.OK; i++)
            {
                try { ready = await http.GetAsync("/readyz"); } catch (HttpRequestException) { }
                if (ready?.StatusCode != HttpStatusCode.OK) await Task.Delay(500);
            }
            Assert.True(ready?.StatusCode == HttpStatusCode.OK, serve.Log);
            Assert.Contains("2 active silo", await ready!.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "keys.json"))).RootElement.GetProperty("keys").EnumerateArray()
                .ToDictionary(k => k.GetProperty("role").GetString()!, k => k.GetProperty("key").GetString()!);
            http.DefaultRequestHeaders.Add("X-Api-Key", keys["admin"]);
            var silos = JsonDocument.Parse(await http.GetStringAsync("/api/silos")).RootElement;
            Assert.Equal(2, silos.EnumerateArray().Count(s => s.GetProperty("state").GetString() == "Active"));

            // With both silos stopped, readiness fails while liveness holds.
            a.Stop(TimeSpan.FromSeconds(30));
            b.Stop(TimeSpan.FromSeconds(30));
            var notReady = HttpStatusCode.OK;
            for (var i = 0; i < 60 && notReady == HttpStatusCode.OK; i++)
            {
                notReady = (await http.GetAsync("/readyz")).StatusCode;
                if (notReady == HttpStatusCode.OK) await Task.Delay(500);
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        catch
        {
            Console.Error.WriteLine(a.Log + "\n---\n" + b.Log);
            throw;
        }
    }

    [Fact]
    public async Task Bad_cluster_settings_are_bad_input_without_a_stack_trace()
    {
        await using var db = await PostgresScratch.CreateAsync("molgrid_cluster_bad");
        foreach (var args in new[]
        {
            new[] { "silo", "--cluster", "sqlite:" + Path.Combine(_dir, "x.db") },
            new[] { "silo", "--cluster", db.Url, "--roles", "cpu,tpu" },
            new[] { "silo", "--cluster", db.Url, "--slots", "0" },
            new[] { "silo", "--cluster", db.Url, "--address", "not-an-ip" },
            new[] { "silo", "--roles", "cpu" },
            new[] { "silos", "--cluster", "ftp://x" },
            new[] { "serve", "--cluster", "sqlite:/tmp/x.db", "--data", _dir },
            new[] { "serve", "--cluster", db.Url, "--store", db.Url, "--data", _dir },
        })
        {
            var r = Molgrid(args);
            Assert.True(r.Code == 2, $"{string.Join(' ', args)} -> {r.Code}: {r.Err}");
            Assert.StartsWith("error:", r.Err.Trim());
            Assert.DoesNotContain("   at ", r.Err);
        }
    }
}
