using System.Net;
using System.Net.Sockets;

namespace MolGrid.Harness.Scratch;

/// <summary>
/// A PostgreSQL server of the fault suite's own (initdb + pg_ctl from /usr/lib/postgresql/*/bin) on a free
/// loopback port, data and socket in a temp directory, so the postgres-restart scenario can stop and start it
/// without touching the shared service on 5432. PostgreSQL refuses to run as root, so when this process is
/// root the server runs as the `postgres` user (runuser), which owns the directory.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private PrivatePostgres(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Superuser connection string (trust authentication on loopback, no password).</summary>
    public string Admin => $"Host=127.0.0.1;Port={Port};Username=molgrid;Password=molgrid;Database=postgres;Pooling=false";

    private string Data => Path.Combine(_dir, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        var dir = Directory.CreateTempSubdirectory("molgrid-pg-").FullName;
        var pg = new PrivatePostgres(bin, dir, FreePort());
        await Shell.RunAsync("chown", ["-R", "postgres:postgres", dir]).ConfigureAwait(false);
        var (code, output) = await pg.AsPostgres("initdb", "-D", pg.Data, "-U", "molgrid", "--auth=trust", "--no-sync", "-E", "UTF8");
        if (code != 0) throw new InvalidOperationException($"initdb failed: {output}");
        await pg.StartServerAsync();
        return pg;
    }

    /// <summary>pg_ctl start on loopback only; returns when the server accepts connections.</summary>
    public async Task StartServerAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off -c max_connections=300";
        var (code, output) = await AsPostgres("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-o", options, "-w", "-t", "60", "start");
        if (code != 0) throw new InvalidOperationException($"pg_ctl start failed: {output}\n{Log()}");
    }

    /// <summary>pg_ctl stop -m fast: connections are closed at once, as in a crash-restart of the database.</summary>
    public async Task StopServerAsync()
    {
        var (code, output) = await AsPostgres("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "stop");
        if (code != 0) throw new InvalidOperationException($"pg_ctl stop failed: {output}");
    }

    public string Log()
    {
        var path = Path.Combine(_dir, "server.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private Task<(int Code, string Output)> AsPostgres(string tool, params string[] args)
    {
        var exe = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], timeout: TimeSpan.FromSeconds(90))
            : Shell.RunAsync(exe, args, timeout: TimeSpan.FromSeconds(90));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await AsPostgres("pg_ctl", "-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"); } catch (Exception) { }
        try { Directory.Delete(_dir, true); } catch (Exception) { }
    }
}
