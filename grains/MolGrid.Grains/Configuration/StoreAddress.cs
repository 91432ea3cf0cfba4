namespace MolGrid.Grains.Configuration;

public enum StoreKind { Sqlite, Postgres }

/// <summary>Where durable grid state lives: <c>sqlite:PATH</c> (a file) or
/// <c>postgres://user:pass@host[:port]/database</c>.</summary>
public sealed record StoreAddress(StoreKind Kind, string ConnectionString, string Display)
{
    public static StoreAddress Sqlite(string path) =>
        new(StoreKind.Sqlite, $"Data Source={Path.GetFullPath(path)};Pooling=True;Default Timeout=30", "sqlite:" + Path.GetFullPath(path));

    public static StoreAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new GridConfigException(text ?? "", "a store address is required (sqlite:PATH or postgres://user:pass@host/db)");
        var t = text.Trim();
        if (t.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = t["sqlite:".Length..];
            if (path.StartsWith("//")) path = path[2..];
            if (path.Length == 0) throw new GridConfigException(text, "the SQLite address has no file path");
            return Sqlite(path);
        }
        if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new GridConfigException(text, "expected sqlite:PATH or postgres://user:pass@host[:port]/database");
        var db = uri.AbsolutePath.Trim('/');
        if (db.Length == 0) throw new GridConfigException(text, "the PostgreSQL address names no database");
        var (user, pass) = UserInfo(uri, "molgrid", "");
        var port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port;
        var cs = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host, Port = port, Database = Uri.UnescapeDataString(db), Username = user, Password = pass,
            Pooling = true, MaxPoolSize = 20, Timeout = 10, CommandTimeout = 60,
        }.ConnectionString;
        return new StoreAddress(StoreKind.Postgres, cs, $"postgres://{user}@{uri.Host}:{port}/{db}");
    }

    private static (string User, string Password) UserInfo(Uri uri, string defaultUser, string defaultPassword)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return (defaultUser, defaultPassword);
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }

    public override string ToString() => Display;
}
