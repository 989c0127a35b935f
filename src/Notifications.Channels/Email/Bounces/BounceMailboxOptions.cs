namespace Notifications.Channels.Email.Bounces;

/// <summary>
/// The mailbox delivery status notifications arrive in (the <see cref="EmailOptions.ReturnPath"/> mailbox), read
/// over IMAP; bound from <c>Channels:Email:Bounces</c>. Not read at all while <see cref="Host"/> is not set.
/// </summary>
public sealed class BounceMailboxOptions
{
    /// <summary>Processed messages get this IMAP keyword, so no report is counted twice.</summary>
    public const string ProcessedKeyword = "$NotificationBounceProcessed";

    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public MailTlsMode Tls { get; set; } = MailTlsMode.Implicit;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where processed messages are moved (it must exist); they stay in <see cref="Folder"/>, flagged, when not set.</summary>
    public string? ProcessedFolder { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hard bounces (5.x.x) of one address that disable email for its user.</summary>
    public int HardBounceLimit { get; set; } = 3;

    /// <summary>5.1.x (the mailbox or domain does not exist) disables the address at the first bounce; false counts it like any hard bounce.</summary>
    public bool DisableOnUnknownAddress { get; set; } = true;

    /// <summary>Reports handled in one poll; the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 100;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
