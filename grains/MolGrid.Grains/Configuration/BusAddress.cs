namespace MolGrid.Grains.Configuration;

/// <summary>Where the message bus is: <c>memory://</c> (in-process) or <c>rabbitmq://[user:pass@]host[:port][/vhost]</c>.</summary>
public sealed record BusAddress(bool InMemory, string Host, int Port, string VirtualHost, string User, string Password)
{
    public static BusAddress Memory { get; } = new(true, "", 0, "/", "", "");

    public static BusAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new GridConfigException(text ?? "", "a bus address is required (memory:// or rabbitmq://host[:port])");
        if (text.Trim() is "memory" or "memory://") return Memory;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("rabbitmq" or "amqp"))
            throw new GridConfigException(text, "expected memory:// or rabbitmq://[user:pass@]host[:port][/vhost]");
        if (string.IsNullOrEmpty(uri.Host)) throw new GridConfigException(text, "the RabbitMQ address has no host");
        var (user, pass) = UserInfo(uri, "guest", "guest");
        var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "/";
        return new BusAddress(false, uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port, vhost, user, pass);
    }

    internal static (string User, string Password) UserInfo(Uri uri, string defaultUser, string defaultPassword)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return (defaultUser, defaultPassword);
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }

    public override string ToString() => InMemory ? "memory://" : $"rabbitmq://{Host}:{Port}{(VirtualHost == "/" ? "" : "/" + VirtualHost)}";
}
