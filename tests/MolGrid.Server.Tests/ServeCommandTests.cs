using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MolGrid.Server.Tests;

/// <summary>`molgrid serve` as a child process on an ephemeral loopback port.</summary>
public class ServeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("molgrid-serve").FullName;

    [Fact]
    public async Task ServeCreatesAndPrintsTheKeysFileAndAnswersWithThoseKeys()
    {
        var data = Path.Combine(_dir, "data");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "molgrid.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", data })
            psi.ArgumentList.Add(a);
        psi.Environment["MOLGRID_HOME"] = ServerHost.RepoRoot;
        using var p = Process.Start(psi)!;
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Ctrl+C")) break;
            }
            var output = string.Join('\n', lines);
            var url = Regex.Match(output, @"MolGrid serving (http://127\.0\.0\.1:\d+)").Groups[1].Value;
            Assert.NotEqual("", url);
            var keysFile = Path.Combine(data, "keys.json");
            Assert.Contains($"created API keys file {keysFile}", output);

            var keys = JsonDocument.Parse(File.ReadAllText(keysFile)).RootElement.GetProperty("keys").EnumerateArray()
                .ToDictionary(k => k.GetProperty("role").GetString()!, k => k.GetProperty("key").GetString()!);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/campaigns")).StatusCode);
            http.DefaultRequestHeaders.Add("X-Api-Key", keys["admin"]);
            var silos = JsonDocument.Parse(await http.GetStringAsync("/api/silos")).RootElement;
            Assert.Equal(1, silos.GetArrayLength()); // the embedded grid's own silo
            Assert.Contains("molgrid_campaigns", await http.GetStringAsync("/metrics"));
            Assert.Contains("<script type=\"module\" src=\"app.js\">", await http.GetStringAsync("/"));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    [Fact]
    public void BadServeOptionsAreExitCode2()
    {
        Assert.Equal(2, CliRunnerProcess.Run(null, "serve", "--urls", "ftp://127.0.0.1:1", "--data", _dir).ExitCode);
        Assert.Equal(2, CliRunnerProcess.Run(null, "serve", "--bus", "rabbitmq://127.0.0.1", "--data", _dir).ExitCode);
        var r = CliRunnerProcess.Run(null, "serve", "--keys", Path.Combine(_dir, "none.json"), "--data", _dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no such keys file", r.StdErr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
