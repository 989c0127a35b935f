using Notifications.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Notifications.Channels.Sms;
using Notifications.Delivery;
using Notifications.Application;
using Twilio.Security;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// Status callbacks of providers. Anonymous: the provider's signature is the authorization, and a callback that
/// fails it is refused with 403 and changes nothing.
/// </summary>
internal static class CallbackEndpoints
{
    private const string SignatureHeader = "X-Twilio-Signature";

    public static void MapCallbackEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/" + TrackingRoutes.TwilioStatus, TwilioStatusAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Callbacks").WithName("TwilioStatusCallback")
            .WithSummary("Twilio's message status callback (form POST signed with X-Twilio-Signature). Statuses only move forward; repeats are harmless.");

    private static async Task<Results<NoContent, ProblemHttpResult>> TwilioStatusAsync(
        HttpContext context,
        IDeliveryService deliveries,
        IOptions<SmsOptions> sms,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sms.Value.AuthToken))
        {
            return Problems.NotFound("The SMS channel is not configured on this silo.");
        }
        if (!context.Request.HasFormContentType)
        {
            return Forbidden("A Twilio callback is a signed form POST.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var fields = form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        // Twilio signs the URL it was given; behind a proxy that is the public one, not what this host sees.
        var url = sms.Value.StatusCallbackUrl ?? context.Request.GetEncodedUrl();
        var signature = context.Request.Headers[SignatureHeader].ToString();
        // The SDK's validator throws on an empty signature rather than answering false.
        if (signature.Length == 0 || !new RequestValidator(sms.Value.AuthToken).Validate(url, fields, signature))
        {
            return Forbidden($"The {SignatureHeader} header does not match the callback (signed over {url}).");
        }
        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (string.IsNullOrEmpty(sid))
        {
            throw new ValidationFailedException("MessageSid", "MessageSid is required.");
        }
        // Statuses we do not track (Twilio adds some now and then) are acknowledged so Twilio does not retry them.
        if (SmsStatusProgression.ToDeliveryStatus(status) is { } delivery)
        {
            var errorCode = form["ErrorCode"].ToString();
            var detail = string.IsNullOrEmpty(errorCode) ? $"twilio: {status}" : $"twilio: {status} (error {errorCode})";
            await deliveries.RecordProviderStatusAsync(DeliveryChannel.Sms, sid, delivery, detail, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
