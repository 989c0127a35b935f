using Notifications.Delivery;
using Twilio.Exceptions;

namespace Notifications.Channels.Sms;

/// <summary>Twilio REST errors, as the SDK reports them: HTTP status plus Twilio's numeric error code.</summary>
internal static class TwilioErrorClassifier
{
    /// <param name="httpStatus">What the HTTP pipeline saw, for errors whose body the SDK could not read.</param>
    public static DeliveryOutcome Classify(ApiException exception, int httpStatus, TimeSpan? retryAfter)
    {
        var status = exception.Status == 0 ? httpStatus : exception.Status;
        var code = exception.Code;
        var reason = $"Twilio {status} {(code == 0 ? "" : code + " ")}{exception.Message}".TrimEnd();
        return code switch
        {
            // 21211: the number is not a valid phone number; 21614: it is not a mobile number.
            21211 or 21614 => DeliveryOutcome.TargetDead(reason),
            // 21610: the recipient replied STOP; keep the number (START re-subscribes) but never retry.
            // 63016: WhatsApp free-form outside the 24-hour session window; only a template may go, retrying cannot help.
            21610 or 21617 or 21602 or 21408 or 63016 => DeliveryOutcome.Permanent(reason),
            20429 => DeliveryOutcome.Transient(reason, retryAfter),
            // 21655/21656: the template's ContentSid is unknown or unapproved, or its variables do not fit it.
            20003 or 20404 or 21606 or 21659 or 21603 or 21212 or 21704 or 21655 or 21656 or 63007 => DeliveryOutcome.ConfigurationError(reason),
            _ => status switch
            {
                429 or >= 500 => DeliveryOutcome.Transient(reason, retryAfter),
                401 or 403 or 404 => DeliveryOutcome.ConfigurationError(reason),
                _ => DeliveryOutcome.Permanent(reason),
            },
        };
    }
}
