using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MolGrid.Grains;
using MolGrid.Server.Candidates;
using MolGrid.Server.Security;

namespace MolGrid.Server.Campaigns;

/// <summary>Campaigns: submit (chemist, admin), list, status with progress, progress events, cancel.</summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(MolGridRoles.ReadPolicy);

        api.MapGet("/", ListCampaigns)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("List campaigns, newest first, a page at a time (page, pageSize up to 1000, default 100; the X-Total-Count header has the total); owner=NAME or mine=true narrows the list.");
        api.MapPost("/", SubmitCampaign)
            .RequireAuthorization(MolGridRoles.SubmitPolicy)
            .Accepts<string>("application/yaml", "application/x-yaml", "text/yaml", "application/json", "text/plain", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Submit a campaign: the spec as YAML or JSON body, or multipart with 'spec' and an optional 'expression' file.");
        api.MapGet("/{id}", GetCampaign)
            .WithSummary("A campaign's status and progress (round, oracle calls, best scores per round).");
        api.MapGet("/{id}/events", StreamProgress)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Progress as server-sent events: status, round (id = round), done.");
        api.MapPost("/{id}/cancel", CancelCampaign)
            .RequireAuthorization(MolGridRoles.SubmitPolicy)
            .WithSummary("Cancel a running campaign (chemists: their own only).");

        return api;
    }

    public const int DefaultListPageSize = 100;
    public const int MaxListPageSize = 1000;

    public static async Task<Ok<IReadOnlyList<CampaignInfo>>> ListCampaigns(
        ICampaignService campaigns, ClaimsPrincipal user, HttpResponse response, [FromQuery] string? owner, [FromQuery] bool? mine,
        [FromQuery] string? page, [FromQuery] string? pageSize, CancellationToken ct)
    {
        var p = CandidateQueryParser.PositiveInt(page, "page", 1, int.MaxValue / 2);
        var size = CandidateQueryParser.PositiveInt(pageSize, "pageSize", DefaultListPageSize, MaxListPageSize);
        var filter = mine == true ? user.Identity!.Name : string.IsNullOrEmpty(owner) ? null : owner;
        var listed = await campaigns.ListPageAsync(filter, p, size, ct);
        response.Headers["X-Total-Count"] = listed.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(listed.Items);
    }

    public static async Task<Created<CampaignInfo>> SubmitCampaign(
        HttpRequest request, ICampaignService campaigns, ClaimsPrincipal user, IOptions<MolGridServerOptions> options, CancellationToken ct)
    {
        var submission = await SubmissionReader.ReadAsync(request, user.Identity!.Name!, options.Value.MaxUploadBytes, ct);
        var info = await campaigns.SubmitAsync(submission, ct);
        return TypedResults.Created($"/api/campaigns/{Uri.EscapeDataString(info.Id)}", info);
    }

    public static async Task<Results<Ok<CampaignDetails>, ProblemHttpResult>> GetCampaign(string id, ICampaignService campaigns, CancellationToken ct)
    {
        var info = await campaigns.GetAsync(id, ct);
        if (info is null) return NotFound(id);
        return TypedResults.Ok(CampaignDetails.From(info, await campaigns.GetProgressAsync(id, ct)));
    }

    internal static async Task<IResult> StreamProgress(
        string id, HttpContext context, ICampaignService campaigns, ProgressEventStream stream, CancellationToken ct)
    {
        var info = await campaigns.GetAsync(id, ct);
        if (info is null) return NotFound(id);
        try { await stream.WriteAsync(context, info, ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* the client went away */ }
        return Results.Empty;
    }

    public static async Task<Results<Ok<CampaignInfo>, ProblemHttpResult>> CancelCampaign(
        string id, ICampaignService campaigns, ClaimsPrincipal user, CancellationToken ct)
    {
        var info = await campaigns.GetAsync(id, ct);
        if (info is null) return NotFound(id);
        if (!user.IsInRole(MolGridRoles.Admin) && !string.Equals(info.Owner, user.Identity!.Name, StringComparison.Ordinal))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your campaign",
                detail: $"Campaign {id} belongs to '{info.Owner}'; chemists may cancel only their own campaigns.");
        if (!await campaigns.CancelAsync(id, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Campaign already finished",
                detail: $"Campaign {id} is {info.Status}.");
        return TypedResults.Ok(await campaigns.GetAsync(id, ct) ?? info);
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such campaign", detail: $"There is no campaign '{id}'.");
}
