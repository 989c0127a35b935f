using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Notifications.Api;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Delivery.Tests;

/// <summary>Email through the REST API to the SMTP fake: the MIME message, open/click tracking and RFC 8058 unsubscribe.</summary>
public sealed partial class EmailDeliveryTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private const string Newsletter = "newsletter.weekly";
    private DeliverySilo Silo => shared.Silo;
    private ProviderFakes Fakes => shared.Silo.Fakes;

    [GeneratedRegex("""<img src="([^"]+)" width="1" height="1" """)]
    private static partial Regex Pixel();

    [GeneratedRegex("""<a href="([^"]+)">""")]
    private static partial Regex Link();

    [GeneratedRegex("<(https://[^>]+)>")]
    private static partial Regex HttpsUnsubscribe();

    private Task DefineNewsletterAsync() => Silo.PutTypeAsync(new NotificationTypeDefinition
    {
        Type = Newsletter,
        Category = "marketing",
        DefaultPriority = Priority.Bulk,
        Channels = [ChannelKind.Email],
        Templates =
        [
            new NotificationTemplate
            {
                Channel = ChannelKind.Email,
                Title = "This week for {{name}}",
                Body = "Hi {{name}}, read it at https://example.com/news?id=7&utm=mail\nUnsubscribe: {{unsubscribeUrl}}",
                Html = """<html><body><p>Hi {{name}}</p><a href="https://example.com/news?id=7&amp;utm=mail">Read</a> <a href="mailto:team@example.com">Write</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></body></html>""",
            },
        ],
    });

    private async Task<(string UserId, string Email, Guid Id, DeliveryView Delivery, MimeKit.MimeMessage Message)> SendNewsletterAsync()
    {
        await DefineNewsletterAsync();
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        var userId = await Silo.CreateUserAsync(new UserProfile { Email = email, DisplayName = "Ada" });
        var id = await Silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = Newsletter, Data = new Dictionary<string, string> { ["name"] = "Ada & co" } });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.Email, DeliveryStatus.Sent);
        var envelope = Assert.Single(Fakes.Smtp.Received, e => e.Recipients.Contains(email));
        Assert.Equal(ProviderFakes.EmailFrom, envelope.From);
        return (userId, email, id, delivery, envelope.Message);
    }

    [Fact]
    public async Task Email_arrives_as_a_mime_message_with_tracking_in_the_html_part_and_one_click_unsubscribe_headers()
    {
        var (userId, email, id, delivery, message) = await SendNewsletterAsync();

        Assert.Equal("This week for Ada & co", message.Subject);
        Assert.Contains(email, message.Headers["To"]);
        Assert.Equal(delivery.ProviderMessageId, message.Headers["Message-ID"]);
        Assert.Equal(id.ToString(), message.Headers["X-Notification-Id"]);
        // The text part is sent as rendered; only the HTML part carries tracking.
        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        var link = HttpsUnsubscribe().Match(unsubscribe).Groups[1].Value;
        Assert.Equal($"Hi Ada & co, read it at https://example.com/news?id=7&utm=mail\nUnsubscribe: {link}", message.TextBody!.TrimEnd().ReplaceLineEndings("\n"));
        var html = message.HtmlBody!;
        Assert.StartsWith("<html><body><p>Hi Ada &amp; co</p>", html);
        var pixel = WebUtility.HtmlDecode(Pixel().Match(html).Groups[1].Value);
        Assert.StartsWith($"{DeliverySilo.PublicBaseUrl}api/v1/track/open/{delivery.Id}?s=", pixel);
        Assert.EndsWith("</body></html>", html);
        Assert.True(html.IndexOf(pixel.Split('?')[0], StringComparison.Ordinal) < html.IndexOf("</body>", StringComparison.Ordinal));
        var click = WebUtility.HtmlDecode(Link().Match(html).Groups[1].Value);
        Assert.StartsWith($"{DeliverySilo.PublicBaseUrl}api/v1/track/click/{delivery.Id}?u=https%3A%2F%2Fexample.com%2Fnews%3Fid%3D7%26utm%3Dmail&s=", click);
        Assert.Contains("""<a href="mailto:team@example.com">""", html);
        // The unsubscribe link in the body is the header's, untracked (it leads to the silo itself).
        Assert.Contains($"""<a href="{WebUtility.HtmlEncode(link)}">Unsubscribe</a>""", html);

        Assert.StartsWith($"<{DeliverySilo.PublicBaseUrl}api/v1/unsubscribe?u={userId}&c=marketing&s=", unsubscribe);
        Assert.Contains("<mailto:unsubscribe@example.com?subject=unsubscribe%20marketing%20", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Open_pixel_and_click_redirect_record_the_funnel_and_refuse_forged_links()
    {
        var (_, _, id, delivery, message) = await SendNewsletterAsync();
        var pixel = LocalPath(WebUtility.HtmlDecode(Pixel().Match(message.HtmlBody!).Groups[1].Value));
        var click = LocalPath(WebUtility.HtmlDecode(Link().Match(message.HtmlBody!).Groups[1].Value));
        using var client = Silo.Client(bearer: null, followRedirects: false);

        // Forged: another delivery's id, a changed destination, no signature.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(pixel.Replace($"/open/{delivery.Id}?", $"/open/{delivery.Id + 1}?", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(click.Replace("example.com", "evil.example", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/track/open/{delivery.Id}")).StatusCode);
        Assert.Equal(DeliveryStatus.Sent, (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Email).Status);

        var opened = await client.GetAsync(pixel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/gif", opened.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GIF89a"u8.ToArray(), (await opened.Content.ReadAsByteArrayAsync())[..6]);
        var followed = await client.GetAsync(click);
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("https://example.com/news?id=7&utm=mail", followed.Headers.Location!.OriginalString);
        // Mail clients load pixels again; a second open after the click changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(pixel)).StatusCode);

        var tracked = (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal(DeliveryStatus.Clicked, tracked.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Opened, DeliveryStatus.Clicked], tracked.History!.Select(h => h.Status));
        Assert.Equal("https://example.com/news?id=7&utm=mail", tracked.History![^1].Detail);
    }

    [Fact]
    public async Task One_click_unsubscribe_turns_marketing_email_off_through_the_users_grain()
    {
        var (userId, email, _, _, message) = await SendNewsletterAsync();
        var link = LocalPath(HttpsUnsubscribe().Match(message.Headers["List-Unsubscribe"]!).Groups[1].Value);
        using var anonymous = Silo.Client(bearer: null);

        // A GET (what link scanners do) only shows the page.
        var page = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("""<form method="post">""", await page.Content.ReadAsStringAsync());
        Assert.True(await EmailAllowedAsync(userId));

        var forged = link.Replace($"u={userId}", "u=someone-else", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsync(forged, OneClickBody())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(link + "x")).StatusCode);
        Assert.True(await EmailAllowedAsync(userId));

        var done = await anonymous.PostAsync(link, OneClickBody());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("no longer receive", await done.Content.ReadAsStringAsync());
        Assert.False(await EmailAllowedAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(link, OneClickBody())).StatusCode);

        // The next newsletter reaches no channel: the only one it uses is switched off.
        var next = await Silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = Newsletter, Data = new Dictionary<string, string> { ["name"] = "Ada" } });
        var view = await Testing.Eventually.Until(() => Silo.GetAsync(next), v => v.Status != "accepted", "the next newsletter is processed");
        Assert.Equal("suppressed", view.Status);
        Assert.Single(Fakes.Smtp.Received, e => e.Recipients.Contains(email));
    }

    private async Task<bool> EmailAllowedAsync(string userId)
    {
        using var client = Silo.Client();
        var preferences = await client.GetFromJsonAsync<NotificationPreferences>($"/api/v1/users/{userId}/preferences", NotificationJson.Options);
        return !(preferences!.Categories.TryGetValue("marketing", out var marketing) && marketing.Channels.TryGetValue(ChannelKind.Email, out var on) && !on);
    }

    /// <summary>What RFC 8058 says a mail client posts.</summary>
    private static FormUrlEncodedContent OneClickBody() => new([new("List-Unsubscribe", "One-Click")]);

    /// <summary>The public URL's path and query, requested on the in-process test server.</summary>
    private static string LocalPath(string publicUrl)
    {
        Assert.StartsWith(DeliverySilo.PublicBaseUrl, publicUrl);
        return "/" + publicUrl[DeliverySilo.PublicBaseUrl.Length..];
    }
}
