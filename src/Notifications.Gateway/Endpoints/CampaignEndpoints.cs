using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Endpoints;

/// <summary>Campaigns: create, list, read with progress, start / pause / resume / cancel. Campaigns scope.</summary>
internal static class CampaignEndpoints
{
    /// <summary>How many a list holds when the request names no limit (REST ?limit, gRPC ListCampaignsRequest.limit).</summary>
    internal const int DefaultListLimit = 50;

    public static void MapCampaignEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campaigns").WithTags("Campaigns").RequireAuthorization(GatewayPolicies.Campaigns);
        group.MapPost("", CreateAsync).WithName("CreateCampaign")
            .WithSummary("Create a campaign: a draft without a schedule, scheduled with one. Nothing is created on bad input.");
        group.MapGet("", ListAsync).WithName("ListCampaigns").WithSummary("Newest first.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign").WithSummary("The campaign with its live progress.");
        foreach (var command in CampaignCommands.All)
        {
            group.MapPost($"/{{id:guid}}/{command}", (Guid id, ICampaignService campaigns, CancellationToken cancellationToken) => RunAsync(id, command, campaigns, cancellationToken))
                .WithName($"{char.ToUpperInvariant(command[0])}{command[1..]}Campaign");
        }
    }

    private static async Task<Created<CampaignCreated>> CreateAsync(CreateCampaignRequest request, ICampaignService campaigns, CancellationToken cancellationToken)
    {
        var created = await campaigns.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/campaigns/{created.Id}", created);
    }

    private static async Task<Ok<CampaignList>> ListAsync(int? limit, ICampaignService campaigns, CancellationToken cancellationToken) =>
        TypedResults.Ok(await campaigns.ListAsync(limit ?? DefaultListLimit, cancellationToken));

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(Guid id, ICampaignService campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"There is no campaign {id}.");

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> RunAsync(Guid id, string command, ICampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.RunAsync(id, command, cancellationToken);
        if (result.View is { } view)
        {
            return TypedResults.Ok(view);
        }
        return result.Refusal is { } refusal ? Problems.Conflict(refusal) : Problems.NotFound($"There is no campaign {id}.");
    }
}
