using Microsoft.AspNetCore.Http;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Console;
using Notifications.Gateway.Endpoints;
using Notifications.Gateway.Errors;
using Notifications.Gateway.Quotas;
using Notifications.Gateway.Realtime;

namespace Microsoft.AspNetCore.Builder;

public static class GatewayApplicationExtensions
{
    public const string HubPath = "/hubs/notifications";

    /// <summary>
    /// Maps the REST API under /api/v1, /openapi/v1.json, /healthz, /readyz and the live hub, and adds the
    /// error-handling middleware they rely on (problem+json for exceptions and empty error responses).
    /// It is added here rather than left to the host so no composition root can forget it.
    /// </summary>
    public static WebApplication MapNotificationGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestCharsetMiddleware>();
        app.UseMiddleware<ProducerQuotaMiddleware>();

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapNotificationEndpoints();
        api.MapUserEndpoints();
        api.MapDeviceEndpoints();
        api.MapTokenEndpoints();
        api.MapInboxEndpoints();
        api.MapTemplateEndpoints();
        api.MapApiKeyEndpoints();
        api.MapDeadLetterEndpoints();
        api.MapOperationsEndpoints();
        api.MapSegmentEndpoints();
        api.MapCampaignEndpoints();

        // Reached by mail clients and providers without credentials; each checks its own signature.
        app.MapTrackingEndpoints();
        app.MapCallbackEndpoints();
        app.MapUnsubscribeEndpoints();

        app.MapHealthEndpoints();
        app.MapInboxAssetEndpoints();
        app.MapConsoleEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapHub<NotificationHub>(HubPath).RequireAuthorization().WithMetadata(QueryTokenMetadata.Instance);
        return app;
    }

    /// <summary>
    /// For an operator page the host maps itself (the silo maps the Orleans dashboard): the admin scope, from a bearer
    /// admin key or the console's sign-in cookie, and a redirect to the sign-in page for a browser without either.
    /// </summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(GatewayPolicies.Admin).WithMetadata(OperatorPageMetadata.Instance);
}
