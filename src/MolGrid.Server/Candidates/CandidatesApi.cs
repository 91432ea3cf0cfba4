using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MolGrid.Grains;
using MolGrid.Server.Campaigns;
using MolGrid.Server.Errors;
using MolGrid.Server.Molecules;
using MolGrid.Server.Security;

namespace MolGrid.Server.Candidates;

/// <summary>Candidates of a campaign: paged ranking with sort and filters, one record, CSV/SDF export.</summary>
public static class CandidatesApi
{
    /// <summary>Most candidates one export writes.</summary>
    public const int MaxExportRows = 100_000;

    public static RouteGroupBuilder MapCandidatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns/{id}").WithTags("Candidates").RequireAuthorization(MolGridRoles.ReadPolicy);

        api.MapGet("/candidates", ListCandidates)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Ranked candidates. filter=NAME>=X|NAME<=X|NAME=LO..HI (repeatable), substructure=SMARTS, similarTo=SMILES&minSimilarity=0.4, depiction=url|svg|none.");
        api.MapGet("/candidates/{key}", GetCandidate)
            .WithSummary("One candidate's full record with its SVG depiction.");
        api.MapGet("/export", Export)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "chemical/x-mdl-sdfile")
            .WithSummary("All candidates after the same filters, as format=csv or format=sdf.");
        return api;
    }

    public static async Task<Results<Ok<CandidateRowPage>, ProblemHttpResult>> ListCandidates(
        string id,
        [FromQuery] string? page, [FromQuery] string? pageSize, [FromQuery] string? sort, [FromQuery] string? order,
        [FromQuery(Name = "filter")] string[]? filter, [FromQuery] string? substructure, [FromQuery] string? similarTo,
        [FromQuery] string? minSimilarity, [FromQuery] string? depiction,
        ICampaignService campaigns, MoleculeDepictions depictions, IOptions<MolGridServerOptions> options, CancellationToken ct)
    {
        var query = CandidateQueryParser.Parse(page, pageSize, sort, order, filter, substructure, similarTo, minSimilarity, options.Value.MaxPageSize);
        var mode = depiction?.ToLowerInvariant() ?? "url";
        if (mode is not ("url" or "svg" or "none")) throw new InvalidRequestException("depiction", "must be url, svg or none");
        if (await campaigns.GetAsync(id, ct) is null) return CampaignsApi.NotFound(id);
        var result = await campaigns.QueryCandidatesAsync(id, query, ct);
        var rows = result.Items.Select(c => CandidateRow.From(c,
            mode == "none" ? "" : depictions.Register(c.MoleculeKey, c.Smiles),
            mode == "svg" ? depictions.Svg(c.MoleculeKey) : null)).ToList();
        return TypedResults.Ok(new CandidateRowPage(result.Page, result.PageSize, result.Total, rows));
    }

    public static async Task<Results<Ok<CandidateRow>, ProblemHttpResult>> GetCandidate(
        string id, string key, ICampaignService campaigns, MoleculeDepictions depictions, CancellationToken ct)
    {
        var c = await campaigns.GetCandidateAsync(id, key, ct);
        if (c is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such candidate",
                detail: $"Campaign '{id}' has no candidate '{key}'.");
        var url = depictions.Register(c.MoleculeKey, c.Smiles);
        return TypedResults.Ok(CandidateRow.From(c, url, depictions.Svg(c.MoleculeKey)));
    }

    public static async Task<IResult> Export(
        string id, [FromQuery] string? format,
        [FromQuery] string? sort, [FromQuery] string? order, [FromQuery(Name = "filter")] string[]? filter,
        [FromQuery] string? substructure, [FromQuery] string? similarTo, [FromQuery] string? minSimilarity,
        HttpContext context, ICampaignService campaigns, IOptions<MolGridServerOptions> options, CancellationToken ct)
    {
        var fmt = (format ?? "csv").ToLowerInvariant();
        if (fmt is not ("csv" or "sdf")) throw new InvalidRequestException("format", "must be csv or sdf");
        var pageSize = Math.Max(1, options.Value.MaxPageSize);
        var query = CandidateQueryParser.Parse("1", pageSize.ToString(), sort, order, filter, substructure, similarTo, minSimilarity, pageSize);
        if (await campaigns.GetAsync(id, ct) is null) return CampaignsApi.NotFound(id);

        // Gathered whole first, so a failure answers with an error instead of a truncated file.
        var rows = await campaigns.ExportCandidatesAsync(id, query, MaxExportRows, ct);

        var safeId = new string(id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        var fileName = (safeId.Length > 0 ? safeId : "campaign") + "." + fmt;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var contentType = fmt == "csv" ? "text/csv; charset=utf-8" : "chemical/x-mdl-sdfile; charset=utf-8";
        var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            if (fmt == "csv") await CandidateExport.WriteCsvAsync(writer, rows, ct);
            else await CandidateExport.WriteSdfAsync(writer, rows, ct);
        }
        return Results.Bytes(buffer.ToArray(), contentType);
    }
}
