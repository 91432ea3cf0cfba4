namespace MolGrid.Silo.Scratch;

/// <summary>A RabbitMQ virtual host of its own (queues, exchanges) on a loopback node, deleted afterwards, so
/// a run never takes or leaves messages in anybody else's queues.</summary>
public sealed class RabbitVhost : IAsyncDisposable
{
    private readonly string? _node;
    private readonly int _port;

    private RabbitVhost(string? node, int port, string name)
    {
        _node = node;
        _port = port;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The bus address for `--bus`.</summary>
    public string Url => $"rabbitmq://guest:guest@127.0.0.1:{_port}/{Name}";

    public static async Task<RabbitVhost> CreateAsync(string prefix, string? node = null, int port = 5672)
    {
        var name = $"{prefix}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await Ctl(node, "add_vhost", name);
        await Ctl(node, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new RabbitVhost(node, port, name);
    }

    internal static async Task Ctl(string? node, params string[] args)
    {
        var all = node is null ? args : ["-n", node, .. args];
        var (code, output) = await Shell.RunAsync("rabbitmqctl", ["-q", .. all]);
        if (code != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', all)} failed: {output.Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await Ctl(_node, "delete_vhost", Name); }
        catch (Exception e) { Console.Error.WriteLine($"warning: {e.Message}"); }
    }
}
