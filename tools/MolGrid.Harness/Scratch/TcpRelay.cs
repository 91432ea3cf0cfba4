using System.Net;
using System.Net.Sockets;

namespace MolGrid.Harness.Scratch;

/// <summary>
/// A loopback TCP relay the fault suite puts in front of one endpoint (a silo's advertised port, or PostgreSQL
/// for that silo), so it can cut the silo off the network and reconnect it without root or packet filters.
/// <see cref="Cut"/> drops every relayed connection and then black-holes new ones (accepted, never answered,
/// as a partition looks to a peer: silence, not a refusal); <see cref="Restore"/> relays again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    private TcpRelay(IPEndPoint target, int port)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>A relay on <paramref name="port"/> (0: a free one) to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static TcpRelay Start(int targetPort, int port = 0) => new(new IPEndPoint(IPAddress.Loopback, targetPort), port);

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var c in _open) c.Client.Close(0);
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_open)
        {
            foreach (var c in _open) c.Client.Close(0); // the black-holed ones
            _open.Clear();
        }
        _cut = false;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            lock (_open) _open.Add(inbound);
            if (_cut) continue; // held open, silent, until Restore
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient { NoDelay = true };
        inbound.NoDelay = true;
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            lock (_open) _open.Add(outbound);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            // Either direction ending (or a cut closing the sockets) ends both.
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception) { }
        finally
        {
            lock (_open) { _open.Remove(inbound); _open.Remove(outbound); }
            inbound.Close();
            outbound.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        try { await _accepting; } catch (Exception) { }
    }
}
