using Notifications.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Notifications.Channels.Sms;
using Notifications.Channels.WhatsApp;
using Notifications.Delivery;
using Notifications.Application;
using Twilio.Security;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// Callbacks of providers. Anonymous: the provider's signature is the authorization, and a callback that fails it
/// is refused with 403 and changes nothing.
/// </summary>
internal static class CallbackEndpoints
{
    private const string SignatureHeader = "X-Twilio-Signature";

    public static void MapCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + TrackingRoutes.TwilioStatus, TwilioStatusAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Callbacks").WithName("TwilioStatusCallback")
            .WithSummary("Twilio's message status callback for SMS and WhatsApp (form POST signed with X-Twilio-Signature). Statuses only move forward; repeats are harmless.");
        app.MapPost("/" + TrackingRoutes.TwilioWhatsAppInbound, WhatsAppInboundAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Callbacks").WithName("TwilioWhatsAppInbound")
            .WithSummary("Twilio's incoming-message webhook of the WhatsApp sender (signed form POST): opens the user's 24-hour session; STOP opts out, START in.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> TwilioStatusAsync(
        HttpContext context,
        IDeliveryService deliveries,
        IOptions<SmsOptions> sms,
        IOptions<WhatsAppOptions> whatsApp,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Forbidden("A Twilio callback is a signed form POST.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        // WhatsApp messages are addressed "whatsapp:+E164"; the account that sent one signs its callbacks.
        var isWhatsApp = WhatsAppAddress.NumberOf(form["From"].ToString()) is not null || WhatsAppAddress.NumberOf(form["To"].ToString()) is not null;
        TwilioAccountOptions account = isWhatsApp ? whatsApp.Value : sms.Value;
        if (string.IsNullOrEmpty(account.AuthToken))
        {
            return Problems.NotFound($"The {(isWhatsApp ? "WhatsApp" : "SMS")} channel is not configured on this silo.");
        }
        if (Verify(context, form, account.AuthToken, account.StatusCallbackUrl) is { } refused)
        {
            return refused;
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
            await deliveries.RecordProviderStatusAsync(isWhatsApp ? DeliveryChannel.WhatsApp : DeliveryChannel.Sms, sid, delivery, detail, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WhatsAppInboundAsync(
        HttpContext context,
        IWhatsAppInbound inbound,
        IOptions<WhatsAppOptions> whatsApp,
        CancellationToken cancellationToken)
    {
        var options = whatsApp.Value;
        if (string.IsNullOrEmpty(options.AuthToken))
        {
            return Problems.NotFound("The WhatsApp channel is not configured on this silo.");
        }
        if (!context.Request.HasFormContentType)
        {
            return Forbidden("A Twilio callback is a signed form POST.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (Verify(context, form, options.AuthToken, options.InboundUrl) is { } refused)
        {
            return refused;
        }
        var from = form["From"].ToString();
        if (WhatsAppAddress.NumberOf(from) is not { } number)
        {
            throw new ValidationFailedException("From", $"From must be a WhatsApp address (whatsapp:+E164), not '{from}'.");
        }
        await inbound.RecordAsync(number, form["Body"].ToString(), cancellationToken);
        // No TwiML: an empty answer tells Twilio not to reply to the user.
        return TypedResults.NoContent();
    }

    /// <summary>Checks X-Twilio-Signature with the Twilio SDK; null when it matches.</summary>
    private static ProblemHttpResult? Verify(HttpContext context, IFormCollection form, string authToken, string? signedUrl)
    {
        var fields = form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        // Twilio signs the URL it was given; behind a proxy that is the public one, not what this host sees.
        var url = signedUrl ?? context.Request.GetEncodedUrl();
        var signature = context.Request.Headers[SignatureHeader].ToString();
        // The SDK's validator throws on an empty signature rather than answering false.
        return signature.Length > 0 && new RequestValidator(authToken).Validate(url, fields, signature)
            ? null
            : Forbidden($"The {SignatureHeader} header does not match the callback (signed over {url}).");
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
