using Notifications.Channels.Resilience;

namespace Notifications.Channels.Email;

/// <summary>SMTP submission settings, bound from <c>Channels:Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Channels:Email";

    public string? Host { get; set; }

    /// <summary>Submission port; 587 with STARTTLS. Implicit TLS (465) is not supported by System.Net.Mail.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Upgrades the connection with STARTTLS before authenticating.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender address, e.g. notifications@example.com.</summary>
    public string? From { get; set; }

    public string? FromName { get; set; }

    /// <summary>Right-hand side of generated Message-IDs; defaults to the sender's domain.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Concurrent SMTP sessions (one message at a time each).</summary>
    public int PoolSize { get; set; } = 4;

    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Categories that get List-Unsubscribe headers; "marketing" when not set.</summary>
    public string[]? MarketingCategories { get; set; }

    /// <summary>HTTPS endpoint receiving the one-click unsubscribe POST (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>Mailbox receiving unsubscribe requests by mail.</summary>
    public string? UnsubscribeMailto { get; set; }

    /// <summary>Secret signing unsubscribe links so they cannot be forged for other users.</summary>
    public string? UnsubscribeSecret { get; set; }

    public ChannelResilienceOptions Resilience { get; set; } = new();

    internal IReadOnlyCollection<string> EffectiveMarketingCategories => MarketingCategories ?? ["marketing"];
}
