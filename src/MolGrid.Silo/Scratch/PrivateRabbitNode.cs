using System.Net;
using System.Net.Sockets;

namespace MolGrid.Silo.Scratch;

/// <summary>
/// A RabbitMQ node of its own on loopback (own node name, AMQP and distribution ports, data and logs in a
/// temp directory), so fault runs can stop and restart a broker without touching the shared one on 5672.
/// Durable queues and persistent messages survive <see cref="RestartAsync"/>, as on a real broker restart.
/// </summary>
public sealed class PrivateRabbitNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Dictionary<string, string> _env;

    private PrivateRabbitNode(string dir, string node, int port)
    {
        _dir = dir;
        Node = node;
        Port = port;
        _env = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = (port + 1).ToString(),
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(dir, "pid"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
    }

    public string Node { get; }

    public int Port { get; }

    public static async Task<PrivateRabbitNode> StartAsync(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory($"molgrid-{prefix}-rabbit-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "enabled_plugins"), "[].");
        // Debian's rabbitmq-server drops to the rabbitmq user, which must own its directories.
        await Shell.RunAsync("chown", ["-R", "rabbitmq:rabbitmq", dir]);
        // Below the kernel's ephemeral range (32768+), where an outgoing connection could hold the port.
        var port = FreePortPair(21000, 24000);
        var node = new PrivateRabbitNode(dir, $"molgrid-{prefix}-{Environment.ProcessId}@localhost", port);
        await node.StartBrokerAsync();
        return node;
    }

    public async Task StartBrokerAsync()
    {
        var (code, output) = await Shell.RunAsync("rabbitmq-server", ["-detached"], _env);
        if (code != 0) throw new InvalidOperationException($"rabbitmq-server failed: {output}");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var (ok, _) = await Shell.RunAsync("rabbitmqctl", ["-q", "-n", Node, "await_startup", "--timeout", "5"], timeout: TimeSpan.FromSeconds(15));
            if (ok == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"RabbitMQ node {Node} did not start; see {_dir}/log");
            await Task.Delay(500);
        }
    }

    public async Task StopBrokerAsync()
    {
        await Shell.RunAsync("rabbitmqctl", ["-q", "-n", Node, "stop"], timeout: TimeSpan.FromSeconds(60));
    }

    public async Task RestartAsync(TimeSpan down)
    {
        await StopBrokerAsync();
        await Task.Delay(down);
        await StartBrokerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopBrokerAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static int FreePortPair(int from, int to)
    {
        var rng = new Random(Environment.ProcessId);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var p = rng.Next(from, to) & ~1;
            if (IsFree(p) && IsFree(p + 1)) return p;
        }
        throw new InvalidOperationException("no free port pair for a private RabbitMQ node");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }
}
