using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Planning;
using MolGrid.Server.Security;
using MolGrid.Server.Tests.TestGrid;

namespace MolGrid.Server.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port, composed exactly as `molgrid serve` composes
/// it (AddMolGridServer / MapMolGridServer) over the given grid services.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    public const string AliceKey = "alice-chemist-key-0123456789";
    public const string BobKey = "bob-chemist-key-0123456789ab";
    public const string RitaKey = "rita-researcher-key-01234567";
    public const string AdaKey = "ada-admin-key-0123456789abcd";

    private readonly bool _ownsDataDirectory;

    private ServerHost(WebApplication app, string dataDir, Uri baseAddress, bool ownsDataDirectory)
    {
        _ownsDataDirectory = ownsDataDirectory;
        App = app;
        DataDirectory = dataDir;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts a server over the test double grid (the seam is ICampaignService/ISiloRegistry).</summary>
    public static Task<ServerHost> StartWithTestGridAsync(long maxUploadBytes = 64 * 1024, bool inlineKeys = true,
        IDictionary<string, string?>? configuration = null, string? dataDirectory = null) =>
        StartAsync((services, _) =>
        {
            services.AddSingleton<InMemoryCampaignService>();
            services.AddSingleton<ICampaignService>(sp => sp.GetRequiredService<InMemoryCampaignService>());
            services.AddSingleton<ISiloRegistry, InMemorySiloRegistry>();
        }, maxUploadBytes, inlineKeys, configuration, dataDirectory);

    /// <summary>Starts a server over the real embedded grid (in-memory bus, SQLite under the data directory).</summary>
    public static Task<ServerHost> StartWithEmbeddedGridAsync() =>
        StartAsync((services, dataDir) =>
        {
            services.AddSingleton(new DesignPlanOptions { SpecDirectory = Path.Combine(RepoRoot, "samples", "design") });
            services.AddMolGridEmbedded(dataDir, silo => silo.Slots = 2);
        });

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MolGrid.sln not found above the test directory");
    }

    public static async Task<ServerHost> StartAsync(Action<IServiceCollection, string> addGrid, long maxUploadBytes = 64 * 1024, bool inlineKeys = true,
        IDictionary<string, string?>? configuration = null, string? dataDirectory = null)
    {
        var dataDir = dataDirectory ?? Path.Combine(Path.GetTempPath(), "molgrid-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = dataDir });
        if (configuration is not null) builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        addGrid(builder.Services, dataDir);
        builder.AddMolGridServer(o =>
        {
            o.DataDirectory = dataDir;
            o.MaxUploadBytes = maxUploadBytes;
            o.ProgressPollInterval = TimeSpan.FromMilliseconds(100);
        });
        if (inlineKeys)
            builder.Services.Configure<ApiKeyOptions>(o => o.Keys.AddRange(
            [
                new ApiKeyEntry { Name = "alice", Role = MolGridRoles.Chemist, Key = AliceKey },
                new ApiKeyEntry { Name = "bob", Role = MolGridRoles.Chemist, Key = BobKey },
                new ApiKeyEntry { Name = "rita", Role = MolGridRoles.Researcher, Key = RitaKey },
                new ApiKeyEntry { Name = "ada", Role = MolGridRoles.Admin, Key = AdaKey },
            ]));
        var app = builder.Build();
        app.MapMolGridServer();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHost(app, dataDir, new Uri(address), ownsDataDirectory: dataDirectory is null);
    }

    /// <summary>A client sending the key as X-Api-Key (or as a bearer token), or no key at all.</summary>
    public HttpClient Client(string? key = null, bool bearer = false)
    {
        var c = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            if (bearer) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            else c.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDataDirectory)
            try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
