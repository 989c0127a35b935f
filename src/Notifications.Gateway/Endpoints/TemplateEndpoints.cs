using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Gateway.Auth;
using Notifications.Model;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>Notification types and their Handlebars templates. Manage scope.</summary>
internal static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(GatewayPolicies.Manage);
        group.MapGet("", List).WithName("ListTemplates");
        group.MapGet("/{type}", Get).WithName("GetTemplate");
        group.MapPut("/{type}", UpsertAsync).WithName("PutTemplate")
            .WithSummary("Create or replace a notification type; every template is compiled first and nothing is stored if one is invalid.");
        group.MapDelete("/{type}", DeleteAsync).WithName("DeleteTemplate");
    }

    private static Ok<IReadOnlyList<NotificationTypeDefinition>> List(ITemplateService templates) => TypedResults.Ok(templates.List());

    private static Results<Ok<NotificationTypeDefinition>, ProblemHttpResult> Get(string type, ITemplateService templates) =>
        templates.Get(type) is { } definition ? TypedResults.Ok(definition) : Problems.NotFound($"There is no notification type \"{type}\".");

    private static async Task<Results<Ok<NotificationTypeDefinition>, Created<NotificationTypeDefinition>>> UpsertAsync(
        string type, NotificationTypeDefinition definition, ITemplateService templates, CancellationToken cancellationToken)
    {
        if (!string.Equals(definition.Type, type, StringComparison.Ordinal))
        {
            throw new ValidationFailedException("type", $"The body's type \"{definition.Type}\" differs from the URL's \"{type}\".");
        }
        var existed = templates.Get(type) is not null;
        var stored = await templates.UpsertAsync(definition, cancellationToken);
        return existed ? TypedResults.Ok(stored) : TypedResults.Created($"/api/v1/templates/{Uri.EscapeDataString(type)}", stored);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string type, ITemplateService templates, CancellationToken cancellationToken) =>
        await templates.DeleteAsync(type, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"There is no notification type \"{type}\".");
}
