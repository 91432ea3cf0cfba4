using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MolGrid.Grains;
using MolGrid.Grains.Planning;
using MolGrid.Server;
using MolGrid.Server.Security;

namespace MolGrid.Cli.Commands;

/// <summary>`molgrid serve`: the HTTP API and dashboard over the embedded grid (one in-process Orleans silo) or, with
/// --cluster, as an Orleans client of a cluster.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (semicolon-separated)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var data = new Option<string?>("--data") { Description = "Data directory (grid database, keys file); default $MOLGRID_DATA or MOLGRID_HOME/.molgrid" };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest campaign upload in MiB", DefaultValueFactory = _ => 20 };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster mode: the Orleans cluster at postgres://user:pass@host/db (this server is its client)" };
        var keys = new Option<string?>("--keys") { Description = "API keys file (default DATA/keys.json, created on first run)" };
        var models = new Option<string?>("--models") { Description = "Saved models (molgrid model train --out) the API and dashboard explain predictions with; default DATA/models" };
        var cmd = new Command("serve", "Serve the HTTP API, OpenAPI document and web dashboard.") { urls, data, maxUpload, cluster, keys, models };
        cmd.SetAction((parse, ct) => RunAsync(parse.GetValue(urls)!, parse.GetValue(data), parse.GetValue(maxUpload), parse.GetValue(cluster), parse.GetValue(keys), parse.GetValue(models), ct));
        return cmd;
    }

    /// <summary>How long `serve --cluster` waits at start for a silo's gateway before it gives up.</summary>
    private static readonly TimeSpan ClusterConnectFor = TimeSpan.FromMinutes(2);

    private static async Task<int> RunAsync(string urls, string? dataDir, int maxUploadMb, string? cluster, string? keysFile, string? modelsDir, CancellationToken ct)
    {
        foreach (var u in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new InvalidInputException("--urls", $"'{u}' is not an http:// or https:// address");
        if (maxUploadMb is < 1 or > 4096) throw new InvalidInputException("--max-upload-mb", "must be 1..4096");
        if (cluster is not null) ClusterClientServiceCollectionExtensions.ClusterAddress(cluster); // bad input before anything starts
        var data = Path.GetFullPath(dataDir ?? MolGridPaths.Data);
        Directory.CreateDirectory(data);

        if (keysFile is not null && !File.Exists(keysFile)) throw new InvalidInputException(keysFile, "no such keys file");
        if (modelsDir is not null && !Directory.Exists(modelsDir)) throw new InvalidInputException(modelsDir, "no such models directory");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = data });
        if (keysFile is not null) builder.Configuration[$"{ApiKeyOptions.Section}:{nameof(ApiKeyOptions.KeysFile)}"] = Path.GetFullPath(keysFile);
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Design specs name their start file relative to the shipped samples/design directory.
        builder.Services.AddSingleton(new DesignPlanOptions { SpecDirectory = Path.Combine(MolGridPaths.Samples, "design") });
        if (cluster is not null) builder.Services.AddMolGridClusterClient(cluster, ClusterConnectFor, dashboard: true);
        else builder.Services.AddMolGridEmbedded(data, dashboard: true);
        builder.AddMolGridServer(o =>
        {
            o.DataDirectory = data;
            o.ModelsDirectory = modelsDir is null ? null : Path.GetFullPath(modelsDir);
            o.MaxUploadBytes = maxUploadMb * 1024L * 1024;
            o.OrleansDashboard = true;
        });
        await using var app = builder.Build();
        app.MapMolGridServer();
        await app.StartAsync(ct);

        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        Console.WriteLine($"MolGrid serving {string.Join(", ", app.Urls)} ({(cluster is not null ? $"Orleans cluster {ClusterClientServiceCollectionExtensions.ClusterAddress(cluster)}" : $"embedded grid, data in {data}")})");
        Console.WriteLine($"  dashboard: {app.Urls.First()}/   OpenAPI: {app.Urls.First()}/openapi/v1.json   metrics: {app.Urls.First()}/metrics   Orleans dashboard (admins): {app.Urls.First()}{MolGrid.Server.Silos.OrleansDashboard.Path}/");
        Console.WriteLine(keys.CreatedKeysFile
            ? $"  created API keys file {keys.KeysFile} (one key per role: admin, chemist, researcher)"
            : $"  API keys: {keys.Count} configured{(File.Exists(keys.KeysFile) ? $" (file {keys.KeysFile})" : "")}");
        Console.WriteLine("  Ctrl+C to stop");
        await app.WaitForShutdownAsync(ct);
        return CliRunner.Ok;
    }
}
