namespace MolGrid.Server;

/// <summary>Settings of the HTTP API and dashboard (configuration section "MolGrid:Server").</summary>
public sealed class MolGridServerOptions
{
    public const string Section = "MolGrid:Server";

    /// <summary>Where the server keeps its own files (the default keys file). The CLI passes its data directory.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".molgrid");

    /// <summary>Saved models the API and dashboard explain predictions with; default DataDirectory/models.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Largest request body accepted when submitting a campaign (spec plus expression file).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest page a candidate query may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>How often a progress stream looks for new rounds.</summary>
    public TimeSpan ProgressPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Serve the web dashboard at "/".</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Serve Orleans' own dashboard at <see cref="OrleansDashboard.Path"/>, admins only. The host must have
    /// added its services (the grid's embedded silo or cluster client with the dashboard on).</summary>
    public bool OrleansDashboard { get; set; }
}
