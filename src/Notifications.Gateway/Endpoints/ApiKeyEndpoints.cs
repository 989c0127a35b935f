using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Validation;

namespace Notifications.Gateway.Endpoints;

/// <summary>Producer API keys. Admin scope; the secret is shown once, in the answer that creates it.</summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/api-keys").WithTags("API keys").RequireAuthorization(GatewayPolicies.Admin);
        group.MapPost("", CreateAsync).WithName("CreateApiKey");
        group.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("Keys in force; revoked keys are not listed.");
        group.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revokes at once, on every silo. Revoking a revoked key again is a no-op (204).");
    }

    private static async Task<Created<ApiKeyView>> CreateAsync(
        CreateApiKeyRequest request, IApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var created = await ApiKeyIssuer.IssueAsync(request, keys, time, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/api-keys/{created.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync(IApiKeyService keys, CancellationToken cancellationToken)
    {
        var all = await keys.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyView>>(all.Where(k => k.RevokedAt is null).Select(ViewOf).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, IApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"There is no API key \"{id}\".");

    private static ApiKeyView ViewOf(ApiKeyRecord record) => new(record.Id, record.Name, record.Scopes, record.CreatedAt, Quota: record.Quota);
}
