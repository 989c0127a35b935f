using MailKit.Net.Smtp;
using MimeKit;

namespace Notifications.Channels.Email;

/// <summary>
/// Gives each message its Message-ID as the RFC 3461 envelope id (ENVID, sent where the server offers DSN), so a
/// delivery status notification names our message in Original-Envelope-Id even when it returns no headers.
/// </summary>
internal sealed class EnvelopeIdSmtpClient : SmtpClient
{
    protected override string? GetEnvelopeId(MimeMessage message) => message.MessageId;
}
