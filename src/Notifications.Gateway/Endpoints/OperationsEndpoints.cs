using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Api.Operations;
using Notifications.Application;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Endpoints;

/// <summary>The cluster's activity and health, and an operator's user lookup: what the console shows. Admin scope.</summary>
internal static class OperationsEndpoints
{
    public const string SnapshotEvent = "snapshot";

    public static void MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Operations").RequireAuthorization(GatewayPolicies.Admin);
        group.MapGet("/operations", GetAsync).WithName("GetOperations")
            .WithSummary("Silos, per-lane and per-channel counters since each silo started, outbox depth, providers' circuits and latest errors.");
        group.MapGet("/operations/live", Live).WithName("WatchOperations")
            .WithSummary("The same snapshot as a server-sent event stream (event \"snapshot\"), one event per report interval.");
        group.MapGet("/users/{userId}", LookupAsync).WithName("LookupUser")
            .WithSummary("A user's profile, preferences and devices, with their 20 newest notifications and each delivery's history.");
    }

    private static async Task<Ok<OperationsSnapshot>> GetAsync(IOperationsService operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.GetSnapshotAsync(cancellationToken));

    private static ServerSentEventsResult<string> Live(IOperationsService operations, IOptions<JsonOptions> json, TimeProvider time, HttpContext context) =>
        TypedResults.ServerSentEvents(Snapshots(operations, json.Value.SerializerOptions, time, context.RequestAborted));

    private static async Task<Results<Ok<UserLookup>, ProblemHttpResult>> LookupAsync(string userId, IUserService users, CancellationToken cancellationToken) =>
        await users.LookupAsync(userId, cancellationToken) is { } found ? TypedResults.Ok(found) : Problems.UnknownUser(userId);

    private static async IAsyncEnumerable<SseItem<string>> Snapshots(
        IOperationsService operations, JsonSerializerOptions options, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(operations.RefreshInterval, time);
        do
        {
            var snapshot = await operations.GetSnapshotAsync(cancellationToken);
            yield return new SseItem<string>(JsonSerializer.Serialize(snapshot, options), SnapshotEvent);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
