using Notifications.Api;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>The silo reads extra JSON configuration files named by --config (how it is pointed at the fakes host's output).</summary>
public sealed class ExtraConfigurationFileTests
{
    [Fact]
    public async Task Settings_from_the_file_named_by_config_are_used()
    {
        using var directory = new TempDirectory("extra-config");
        var path = directory.File("extra.json");
        await File.WriteAllTextAsync(path, """{ "Silo": { "Delivery": { "DefaultWebhookUrl": "http://127.0.0.1:9/from-the-extra-file" } } }""");
        await using var silo = await DeliverySilo.StartAsync(new Dictionary<string, string?> { ["config"] = path });
        var userId = await silo.CreateUserAsync(new UserProfile());

        // Without the file's default URL this request would be refused (see WebhookDeliveryTests).
        var id = await silo.SendAsync(new SendNotificationRequest { UserId = userId, Content = new InlineContent("t", "b"), Channels = [ChannelKind.Webhook] });

        var view = await Eventually.Until(() => silo.GetAsync(id), v => v.Deliveries.Any(d => d.Channel == DeliveryChannel.Webhook), "the webhook delivery exists");
        Assert.EndsWith("file", view.Deliveries.Single(d => d.Channel == DeliveryChannel.Webhook).Target);
    }
}
