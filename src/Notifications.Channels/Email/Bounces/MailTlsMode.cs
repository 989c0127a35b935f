namespace Notifications.Channels.Email.Bounces;

/// <summary>How the IMAP connection is secured.</summary>
public enum MailTlsMode
{
    /// <summary>TLS from the first byte (IMAPS, port 993).</summary>
    Implicit,
    /// <summary>Plain connection upgraded with STARTTLS before login (port 143); the server must offer it.</summary>
    StartTls,
    /// <summary>No TLS at all: only for a server on this machine.</summary>
    None,
}
