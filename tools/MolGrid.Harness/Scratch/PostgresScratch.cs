using Npgsql;

namespace MolGrid.Harness.Scratch;

/// <summary>A PostgreSQL database of its own for one benchmark or fault run, created on the shared loopback
/// cluster (role molgrid, made by deploy/local/services.sh) and dropped afterwards.</summary>
public sealed class PostgresScratch : IAsyncDisposable
{
    public const string DefaultAdmin = "Host=127.0.0.1;Port=5432;Username=molgrid;Password=molgrid;Database=molgrid;Pooling=false";

    private readonly string _admin;

    private PostgresScratch(string admin, string name)
    {
        _admin = admin;
        Name = name;
        var b = new NpgsqlConnectionStringBuilder(admin);
        Url = $"postgres://{b.Username}:{b.Password}@{b.Host}:{b.Port}/{name}";
    }

    public string Name { get; }

    /// <summary>The store address for `--store`.</summary>
    public string Url { get; }

    public static async Task<PostgresScratch> CreateAsync(string prefix, string admin = DefaultAdmin)
    {
        var name = $"{prefix}_{DateTime.UtcNow:HHmmss}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER molgrid", conn);
        await cmd.ExecuteNonQueryAsync();
        return new PostgresScratch(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(_admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"warning: could not drop scratch database {Name}: {e.Message}");
        }
    }
}
