using Notifications.Channels.Email.Bounces;
using Notifications.Channels.Resilience;

namespace Notifications.Channels.Email;

/// <summary>SMTP submission settings, bound from <c>Channels:Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Channels:Email";

    public string? Host { get; set; }

    /// <summary>Submission port: 587 with STARTTLS, or 465 with <see cref="UseImplicitTls"/>.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Upgrades the connection with STARTTLS before authenticating; the server must offer it.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>TLS from the first byte (SMTPS, RFC 8314), usually on port 465. Excludes <see cref="UseStartTls"/>.</summary>
    public bool UseImplicitTls { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender address, e.g. notifications@example.com.</summary>
    public string? From { get; set; }

    public string? FromName { get; set; }

    /// <summary>
    /// Envelope sender (MAIL FROM), where delivery status notifications go: the bounce mailbox that
    /// <see cref="Bounces"/> reads. <see cref="From"/> when not set.
    /// </summary>
    public string? ReturnPath { get; set; }

    /// <summary>Right-hand side of generated Message-IDs; defaults to the sender's domain.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Most SMTP connections open at once (each carries one message at a time); idle ones are reused.</summary>
    public int PoolSize { get; set; } = 4;

    /// <summary>An idle connection older than this is closed rather than reused (servers drop idle sessions, Postfix after 300 s).</summary>
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages sent over one connection before it is closed and a new one opened (providers cap it, often at 100).</summary>
    public int MaxMessagesPerConnection { get; set; } = 100;

    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Categories that get List-Unsubscribe headers and whose email templates must link to the unsubscribe page; "marketing" when not set.</summary>
    public string[]? MarketingCategories { get; set; }

    /// <summary>HTTPS endpoint receiving the one-click unsubscribe POST (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>Mailbox receiving unsubscribe requests by mail.</summary>
    public string? UnsubscribeMailto { get; set; }

    /// <summary>Secret signing unsubscribe links so they cannot be forged for other users.</summary>
    public string? UnsubscribeSecret { get; set; }

    /// <summary>The bounce mailbox read over IMAP; bounces are not processed when its Host is not set.</summary>
    public BounceMailboxOptions Bounces { get; set; } = new();

    public ChannelResilienceOptions Resilience { get; set; } = new();

    internal IReadOnlyCollection<string> EffectiveMarketingCategories => MarketingCategories ?? ["marketing"];
}
