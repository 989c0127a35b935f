using MailKit.Net.Smtp;

namespace Notifications.Channels.Email;

/// <summary>One authenticated SMTP session of the pool, with what decides whether it may be reused.</summary>
internal sealed class SmtpConnection(SmtpClient client, DateTimeOffset openedAt) : IDisposable
{
    public SmtpClient Client { get; } = client;

    public DateTimeOffset LastUsedAt { get; set; } = openedAt;

    public int MessagesSent { get; set; }

    /// <summary>Reused connections can have been dropped by the server while idle; a failure on one is retried once.</summary>
    public bool Reused { get; set; }

    public void Dispose() => Client.Dispose();
}
