using System.Net.Http.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using Notifications.Api;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests.Bounces;

/// <summary>Bounce reports dropped into a real IMAP mailbox (dovecot) mark deliveries bounced and disable addresses.</summary>
public sealed class EmailBounceTests(BounceMailboxSilo shared) : IClassFixture<BounceMailboxSilo>
{
    private DeliverySilo Silo => shared.Silo;

    [Fact]
    public async Task A_user_unknown_bounce_marks_the_delivery_bounced_and_disables_the_address_until_it_is_registered_again()
    {
        var email = $"gone-{Guid.NewGuid():N}@example.org";
        var profile = new UserProfile { Email = email, DisplayName = "Gone" };
        var userId = await Silo.CreateUserAsync(profile);
        var (id, sent) = await SendEmailAsync(userId, "first");
        Assert.Contains(Silo.Fakes.Smtp.Received, e => e.From == BounceMailboxSilo.ReturnPath && e.Recipients.Contains(email));

        await DropAsync(DeliveryStatusNotification.For(sent.ProviderMessageId!, email, "failed", "5.1.1", "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown"));

        var bounced = await Silo.WaitForStatusAsync(id, DeliveryChannel.Email, DeliveryStatus.Bounced);
        Assert.StartsWith("5.1.1 smtp; 550 5.1.1", bounced.History![^1].Detail);
        // The delivery is marked first, then the user's grain counts the bounce.
        var user = await Eventually.Until(() => GetUserAsync(userId), u => u.EmailStatus is not null, "the bounce is counted for the address");
        Assert.True(user.EmailStatus!.Disabled);
        Assert.Equal(email, user.EmailStatus.Address);
        Assert.Equal("5.1.1", user.EmailStatus.LastStatus);
        // Flagged and moved once recorded, so later polls pass it by: the report counted exactly once.
        await Eventually.Until(async () => (await UnprocessedAsync()).Count, n => n == 0, "the report is flagged processed");
        // Flagging comes before the move, so the processed folder may lag the flag by a moment.
        await Eventually.Until(ProcessedMessageIdsAsync, ids => ids.Any(id => id.Contains("mx.example.org", StringComparison.Ordinal)), "the report is moved to the processed folder");
        Assert.Equal(1, (await GetUserAsync(userId)).EmailStatus!.HardBounces);

        var (next, _) = await SendAsync(userId, "second");
        var view = await Eventually.Until(() => Silo.GetAsync(next), v => v.Status != "accepted", "the next notification is processed");
        Assert.Equal("suppressed", view.Status);
        Assert.DoesNotContain(view.Deliveries, d => d.Channel == DeliveryChannel.Email);

        using (var client = Silo.Client())
        {
            (await client.PutAsJsonAsync($"/api/v1/users/{userId}", profile, NotificationJson.Options)).EnsureSuccessStatusCode();
        }
        Assert.Null((await GetUserAsync(userId)).EmailStatus);
        await SendEmailAsync(userId, "third");
    }

    [Fact]
    public async Task Soft_bounces_never_disable_and_other_hard_bounces_disable_at_the_limit()
    {
        var email = $"full-{Guid.NewGuid():N}@example.org";
        var userId = await Silo.CreateUserAsync(new UserProfile { Email = email });

        var (soft, softSent) = await SendEmailAsync(userId, "soft");
        await DropAsync(DeliveryStatusNotification.For(softSent.ProviderMessageId!, email, "failed", "4.4.7", "Delivery time expired"));
        await Silo.WaitForStatusAsync(soft, DeliveryChannel.Email, DeliveryStatus.Bounced);
        // A delay warning is no failure, and a message that is no report at all is flagged and left alone.
        await DropAsync(DeliveryStatusNotification.For(softSent.ProviderMessageId!, email, "delayed", "4.2.2", "mailbox full, still trying"));
        await DropAsync("From: someone@example.org\r\nTo: bounces@example.com\r\nSubject: hello\r\n\r\nNot a bounce.\r\n");
        await Eventually.Until(async () => (await UnprocessedAsync()).Count, n => n == 0, "every message is flagged processed");
        Assert.Null((await GetUserAsync(userId)).EmailStatus);

        for (var i = 1; i <= 3; i++)
        {
            var (hard, hardSent) = await SendEmailAsync(userId, $"hard {i}");
            await DropAsync(DeliveryStatusNotification.For(hardSent.ProviderMessageId!, email, "failed", "5.2.2", "552 5.2.2 Mailbox full"));
            await Silo.WaitForStatusAsync(hard, DeliveryChannel.Email, DeliveryStatus.Bounced);
            var count = i;
            var status = (await Eventually.Until(() => GetUserAsync(userId), u => u.EmailStatus?.HardBounces == count, $"hard bounce {count} is counted")).EmailStatus!;
            Assert.Equal(i == 3, status.Disabled);
        }
    }

    private async Task<(Guid Id, DeliveryView Sent)> SendEmailAsync(string userId, string title)
    {
        var (id, _) = await SendAsync(userId, title);
        return (id, await Silo.WaitForStatusAsync(id, DeliveryChannel.Email, DeliveryStatus.Sent));
    }

    private async Task<(Guid Id, string Title)> SendAsync(string userId, string title)
    {
        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent(title, "Download it within 7 days."),
            Category = "account",
            Channels = [ChannelKind.Email],
        });
        return (id, title);
    }

    private async Task<UserView> GetUserAsync(string userId)
    {
        using var client = Silo.Client();
        return (await client.GetFromJsonAsync<UserView>($"/api/v1/users/{userId}", NotificationJson.Options))!;
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", shared.Imap.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.UserName, DovecotServer.Password);
        return client;
    }

    /// <summary>Delivers a message into the bounce mailbox the way an MTA's local delivery would: IMAP APPEND.</summary>
    private async Task DropAsync(string raw)
    {
        using var client = await ConnectAsync();
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(raw)));
        await client.Inbox.AppendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>Message-IDs in the processed folder; every one of them carries the processed keyword.</summary>
    private async Task<List<string>> ProcessedMessageIdsAsync()
    {
        using var client = await ConnectAsync();
        var folder = await client.GetFolderAsync(DovecotServer.ProcessedFolder);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var all = await folder.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        Assert.All(all, m => Assert.Contains("$NotificationBounceProcessed", m.Keywords!));
        await client.DisconnectAsync(quit: true);
        return all.Select(m => m.Envelope?.MessageId ?? "").ToList();
    }

    private async Task<IList<UniqueId>> UnprocessedAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var pending = await client.Inbox.SearchAsync(SearchQuery.NotKeyword("$NotificationBounceProcessed"));
        await client.DisconnectAsync(quit: true);
        return pending;
    }
}
