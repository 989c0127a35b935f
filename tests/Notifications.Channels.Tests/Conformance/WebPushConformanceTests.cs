using System.Text.Json;
using Notifications.Channels.Fakes;
using Notifications.Channels.WebPush;
using Notifications.Delivery;
using Notifications.Model;

namespace Notifications.Channels.Tests.Conformance;

public sealed class WebPushConformanceTests : ChannelConformanceTests
{
    private readonly (string PublicKey, string PrivateKey) vapid = FakeWebPushServer.NewVapidKeys();
    private FakeWebPushServer fake = null!;
    private string live = "";

    protected override DeliveryChannel Channel => DeliveryChannel.WebPush;

    protected override FaultPlan Faults => fake.Faults;

    protected override int SendAttempts => fake.Requests.Count;

    protected override IReadOnlyList<string> AcceptedBodies
        => fake.Accepted.Select(a => JsonDocument.Parse(a.Plaintext).RootElement.GetProperty("body").GetString()!).ToList();

    public override async Task InitializeAsync()
    {
        fake = new FakeWebPushServer(Time);
        await fake.StartAsync();
        live = Target(fake.Subscribe(vapid.PublicKey));
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    private static string Target(WebPushSubscription subscription) => JsonSerializer.Serialize(subscription, NotificationJson.Options);

    protected override IChannelSender CreateSender() => new WebPushSender(
        Microsoft.Extensions.Options.Options.Create(new WebPushOptions { Subject = "mailto:ops@example.com", PublicKey = vapid.PublicKey, PrivateKey = vapid.PrivateKey }),
        Time);

    protected override string LiveTarget() => live;

    protected override string DeadTarget()
    {
        var subscription = fake.Subscribe(vapid.PublicKey);
        fake.Faults.MarkDead(FakeWebPushServer.IdOf(subscription));
        return Target(subscription);
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 4000) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var request = Assert.Single(fake.Requests);
        Assert.Equal("86400", request.Header("TTL"));
        Assert.Equal("high", request.Header("Urgency"));
        Assert.Equal("order-1234", request.Header("Topic"));
        Assert.Equal("aes128gcm", request.Header("Content-Encoding"));
        Assert.Matches($"^vapid t=[^,]+, k={vapid.PublicKey}$", request.Header("Authorization")!);
        var (_, plaintext) = Assert.Single(fake.Accepted);
        Assert.Equal(
            """{"notificationId":"0d9a5c1e-7b3f-4a61-9c2e-5f8d7a6b4c31","title":"Your order shipped","body":"Order 1234 is on its way.","category":"orders","type":"order.shipped","data":{"orderId":"1234"}}""",
            System.Text.Encoding.UTF8.GetString(plaintext));
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (WebPushOptions.Section, new()
    {
        ["Subject"] = "mailto:ops@example.com",
        ["PublicKey"] = vapid.PublicKey,
        ["PrivateKey"] = vapid.PrivateKey,
    });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("Subject", "ops@example.com", "Subject must be a mailto: or https: contact URI");
        yield return ("PrivateKey", "", "PublicKey and PrivateKey (the VAPID key pair, base64url) are required");
        yield return ("PrivateKey", FakeWebPushServer.NewVapidKeys().PrivateKey, "matching PrivateKey");
        yield return ("PublicKey", "AAAA", "65-byte uncompressed P-256 point");
        yield return ("TokenLifetime", "2.00:00:00", "TokenLifetime must be more than 5 minutes and at most 24 hours");
    }

    [Fact]
    public async Task A_subscription_bound_to_another_server_key_is_refused_as_a_configuration_error()
    {
        var foreign = Target(fake.Subscribe(FakeWebPushServer.NewVapidKeys().PublicKey));

        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await CreateSender().SendAsync(Request(foreign), CancellationToken.None));
    }

    [Fact]
    public async Task An_unreadable_subscription_is_a_dead_target()
    {
        AssertOutcome(DeliveryOutcomeKind.TargetDead, await CreateSender().SendAsync(Request("{\"endpoint\":\"nope\"}"), CancellationToken.None));
        Assert.Empty(fake.Requests);
    }
}
