namespace Notifications.Model;

public sealed record UserProfile
{
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    /// <summary>E.164, for example +14155550100.</summary>
    public string? Phone { get; init; }
    /// <summary>E.164 number the user reads WhatsApp on. Nothing is sent to it without <see cref="WhatsAppOptIn"/>.</summary>
    public string? WhatsApp { get; init; }
    /// <summary>
    /// The user's explicit consent to WhatsApp messages; the silo records when it was given (and withdrawn: false
    /// here, or the user writing STOP). Changing <see cref="WhatsApp"/> needs consent again.
    /// </summary>
    public bool WhatsAppOptIn { get; init; }
    /// <summary>BCP 47, for example fr-CA. Templates fall back fr-CA → fr → default.</summary>
    public string? Locale { get; init; }
    /// <summary>IANA time zone id, for example Europe/Berlin. Quiet hours are evaluated in it.</summary>
    public string? TimeZone { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
