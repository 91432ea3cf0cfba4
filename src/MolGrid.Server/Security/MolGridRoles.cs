namespace MolGrid.Server.Security;

/// <summary>The three kinds of users and the authorization policies built from them.</summary>
public static class MolGridRoles
{
    public const string Chemist = "chemist";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Chemist, Researcher, Admin];

    /// <summary>Policy: any valid key may read campaigns, candidates and metrics.</summary>
    public const string ReadPolicy = "molgrid-read";

    /// <summary>Policy: chemists and admins submit and cancel campaigns.</summary>
    public const string SubmitPolicy = "molgrid-submit";

    /// <summary>Policy: only admins manage silos.</summary>
    public const string AdminPolicy = "molgrid-admin";

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
