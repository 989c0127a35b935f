using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Endpoints;

/// <summary>Saved segments and previews. Campaigns scope.</summary>
internal static class SegmentEndpoints
{
    public static void MapSegmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/segments").WithTags("Segments").RequireAuthorization(GatewayPolicies.Campaigns);
        group.MapPost("", CreateAsync).WithName("CreateSegment").WithSummary("Save a named segment campaigns can refer to by id.");
        group.MapGet("", ListAsync).WithName("ListSegments");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSegment");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSegment")
            .WithSummary("Campaigns created from it keep their copy of its conditions.");
        group.MapPost("/preview", PreviewAsync).WithName("PreviewSegment")
            .WithSummary("How many users a segment selects now, and the first of them; nothing is sent.");
    }

    private static async Task<Created<SegmentView>> CreateAsync(CreateSegmentRequest request, ISegmentService segments, CancellationToken cancellationToken)
    {
        var created = await segments.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/segments/{created.Id}", created);
    }

    private static async Task<Ok<SegmentList>> ListAsync(ISegmentService segments, CancellationToken cancellationToken) =>
        TypedResults.Ok(await segments.ListAsync(cancellationToken));

    private static async Task<Results<Ok<SegmentView>, ProblemHttpResult>> GetAsync(Guid id, ISegmentService segments, CancellationToken cancellationToken) =>
        await segments.GetAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"There is no segment {id}.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ISegmentService segments, CancellationToken cancellationToken) =>
        await segments.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"There is no segment {id}.");

    private static async Task<Ok<SegmentPreview>> PreviewAsync(SegmentPreviewRequest request, ISegmentService segments, CancellationToken cancellationToken) =>
        TypedResults.Ok(await segments.PreviewAsync(request, cancellationToken));
}
