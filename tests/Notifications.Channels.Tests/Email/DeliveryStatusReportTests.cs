using MimeKit;
using Notifications.Channels.Email.Bounces;

namespace Notifications.Channels.Tests.Email;

/// <summary>RFC 3464 reports as MTAs write them, read into bounces.</summary>
public sealed class DeliveryStatusReportTests
{
    private static readonly BounceMailboxOptions Options = new() { HardBounceLimit = 3 };

    private static MimeMessage Report(string perMessage, string perRecipients, string? returnedHeaders) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(string.Join("\r\n",
        "From: MAILER-DAEMON@mx.example.org",
        "To: bounces@example.com",
        "Subject: Delivery Status Notification (Failure)",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Delivery failed.",
        "--b",
        "Content-Type: message/delivery-status",
        "",
        perMessage,
        "",
        perRecipients,
        returnedHeaders is null ? "--b--" : "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n" + returnedHeaders + "\r\n--b--",
        ""))));

    [Fact]
    public void Each_failed_recipient_is_a_bounce_classified_by_its_status_and_delayed_ones_are_not()
    {
        var message = Report("Reporting-MTA: dns; mx.example.org",
            "Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
            + "Final-Recipient: rfc822; b@example.org\r\nAction: failed\r\nStatus: 5.2.2\r\n\r\n"
            + "Final-Recipient: rfc822; c@example.org\r\nAction: failed\r\nStatus: 4.4.7\r\n\r\n"
            + "Final-Recipient: rfc822; d@example.org\r\nAction: delayed\r\nStatus: 4.2.2",
            "Message-ID: <abc@example.com>\r\nSubject: hi");

        var bounces = DeliveryStatusReport.Read(message, Options)!;

        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], bounces.Select(b => b.Recipient));
        Assert.All(bounces, b => Assert.Equal("<abc@example.com>", b.MessageId));
        Assert.Equal([1, 3, 0], bounces.Select(b => b.DisableAfter));
        Assert.Equal("smtp; 550 5.1.1 User unknown", bounces[0].Diagnostic);
        Assert.False(bounces[2].IsHard);
    }

    [Fact]
    public void Without_returned_headers_the_original_envelope_id_names_the_email()
    {
        var message = Report("Original-Envelope-Id: abc+40example.com\r\nReporting-MTA: dns; mx.example.org",
            "Final-Recipient: rfc822;a@example.org\r\nAction: failed\r\nStatus: 5.7.1", returnedHeaders: null);

        var bounce = Assert.Single(DeliveryStatusReport.Read(message, Options)!);

        Assert.Equal("<abc@example.com>", bounce.MessageId);
        Assert.Equal(3, bounce.DisableAfter);
    }

    [Fact]
    public void Unknown_address_counts_like_any_hard_bounce_when_so_configured_and_other_mail_is_no_report()
    {
        var message = Report("Reporting-MTA: dns; mx.example.org", "Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.1.1", "Message-ID: <abc@example.com>");
        var plain = MimeMessage.Load(new MemoryStream("From: a@example.org\r\nSubject: hello\r\n\r\nhi\r\n"u8.ToArray()));

        Assert.Equal(3, Assert.Single(DeliveryStatusReport.Read(message, new BounceMailboxOptions { DisableOnUnknownAddress = false })!).DisableAfter);
        Assert.Null(DeliveryStatusReport.Read(plain, Options));
    }
}
