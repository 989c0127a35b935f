using Notifications.Model;

namespace Notifications.Domain.State;

/// <summary>Everything one user's grain owns, persisted as one JSON document (writes are fenced by the grain state's ETag).</summary>
public sealed class UserState
{
    public required string UserId { get; init; }
    /// <summary>False until a profile was written: such a user is reachable only through the inbox.</summary>
    public bool Registered { get; set; }
    /// <summary>When the profile was first written; null for a user never registered (and for state older than the directory).</summary>
    public DateTimeOffset? RegisteredAt { get; set; }
    public UserProfile Profile { get; set; } = new();
    public List<Device> Devices { get; set; } = [];
    /// <summary>Consent and session of <see cref="UserProfile.WhatsApp"/>; null when the profile has no WhatsApp number.</summary>
    public WhatsAppConsent? WhatsApp { get; set; }
    public NotificationPreferences Preferences { get; set; } = new();
    public TokenBucket RateLimit { get; set; } = new();
    public Dictionary<string, DigestWindow> Digests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Notifications that already fell back from push to email, newest last, so a repeated request sends nothing.</summary>
    public List<Guid> PushFallbacks { get; set; } = [];
    /// <summary>Hard bounces of <see cref="UserProfile.Email"/>; null until it first bounced, and again once the profile is written.</summary>
    public EmailBounceRecord? EmailBounces { get; set; }
    /// <summary>Producer idempotency keys seen within the window, with the notification each one created.</summary>
    public Dictionary<string, IdempotencyMark> Idempotency { get; set; } = new(StringComparer.Ordinal);

    public static UserState New(string userId) => new() { UserId = userId };
}
