using Notifications.Model;

namespace Notifications.Domain.Rules;

/// <summary>
/// WhatsApp's consent and session rules: nothing goes to a number without the user's explicit opt-in, and free-form
/// text only within 24 hours of the user's last message to us (after that, only an approved template).
/// </summary>
public static class WhatsAppRules
{
    public static readonly TimeSpan SessionWindow = TimeSpan.FromHours(24);

    // Twilio's standard opt-out and opt-in keywords; the whole message, any case.
    private static readonly HashSet<string> OptOutKeywords = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> OptInKeywords = new(["START", "UNSTOP"], StringComparer.OrdinalIgnoreCase);

    public static bool MaySend(WhatsAppConsent? consent) => consent?.OptedInAt is not null;

    public static DateTimeOffset? SessionOpenUntil(WhatsAppConsent? consent) => consent?.LastInboundAt + SessionWindow;

    /// <summary>The consent after a profile write: a new number starts without consent; the opt-in flag's changes are dated.</summary>
    public static WhatsAppConsent? AfterProfile(WhatsAppConsent? current, UserProfile profile, DateTimeOffset now)
    {
        if (profile.WhatsApp is not { } number)
        {
            return null;
        }
        var consent = current?.Number == number ? current : new WhatsAppConsent { Number = number };
        return (profile.WhatsAppOptIn, consent.OptedInAt is not null) switch
        {
            (true, false) => consent with { OptedInAt = now, OptedOutAt = null },
            (false, true) => consent with { OptedInAt = null, OptedOutAt = now },
            _ => consent,
        };
    }

    /// <summary>
    /// The consent after the user wrote <paramref name="body"/>: the session opens, STOP withdraws consent, START gives
    /// it. Null when the message came from another number than the profile's (the number changed since).
    /// </summary>
    public static WhatsAppConsent? AfterInbound(WhatsAppConsent? current, string number, string? body, DateTimeOffset now)
    {
        if (current is null || current.Number != number)
        {
            return null;
        }
        var keyword = body?.Trim() ?? "";
        var consent = current with { LastInboundAt = now };
        if (OptOutKeywords.Contains(keyword))
        {
            return consent with { OptedInAt = null, OptedOutAt = now };
        }
        if (OptInKeywords.Contains(keyword) && consent.OptedInAt is null)
        {
            return consent with { OptedInAt = now, OptedOutAt = null };
        }
        return consent;
    }
}
