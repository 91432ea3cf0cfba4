namespace MolGrid.Harness.Scratch;

/// <summary>
/// Cuts one silo process off the network and reconnects it: the silo runs as its own user (<see cref="Uid"/>,
/// started through <see cref="MolgridChild.StartAs"/>) and an nftables rule drops every loopback packet that
/// user's sockets send, so it answers no probe, reaches no silo and no PostgreSQL, while everything else on the
/// machine is untouched. (A TCP relay in front of the silo's advertised ports was tried first and is not
/// enough on Orleans: other silos kept reaching the silo over connections the silo had opened itself.)
/// Needs root and nft (Debian: apt-get install nftables).
/// </summary>
public sealed class Partition : IAsyncDisposable
{
    /// <summary>nobody: a user no MolGrid process runs as.</summary>
    public const int Uid = 65534;

    private readonly string _table = $"molgrid_partition_{Environment.ProcessId}";
    private bool _cut;

    public static async Task<string?> UnavailableReasonAsync()
    {
        if (Environment.UserName != "root") return "the partition scenario needs root (nftables)";
        var (code, output) = await Shell.RunAsync("nft", ["--version"]).ConfigureAwait(false);
        return code == 0 ? null : $"the partition scenario needs nft (apt-get install nftables): {output.Trim()}";
    }

    public async Task CutAsync()
    {
        await NftAsync("add", "table", "inet", _table);
        await NftAsync("add", "chain", "inet", _table, "out", "{ type filter hook output priority 0; policy accept; }");
        await NftAsync("add", "rule", "inet", _table, "out", "meta", "skuid", Uid.ToString(), "ip", "daddr", "127.0.0.0/8", "drop");
        _cut = true;
    }

    public async Task RestoreAsync()
    {
        if (!_cut) return;
        await NftAsync("delete", "table", "inet", _table);
        _cut = false;
    }

    private static async Task NftAsync(params string[] args)
    {
        var (code, output) = await Shell.RunAsync("nft", args);
        if (code != 0) throw new InvalidOperationException($"nft {string.Join(' ', args)} failed: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await RestoreAsync(); } catch (Exception) { }
    }
}
