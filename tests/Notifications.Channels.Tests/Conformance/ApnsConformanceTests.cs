using Microsoft.Extensions.Options;
using Notifications.Channels.Apns;
using Notifications.Channels.Fakes;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class ApnsConformanceTests : ChannelConformanceTests
{
    private FakeApnsServer fake = null!;
    private readonly string liveToken = FakeApnsServer.NewDeviceToken();

    protected override DeliveryChannel Channel => DeliveryChannel.Apns;

    protected override FaultPlan Faults => fake.Faults;

    protected override int SendAttempts => fake.Requests.Count;

    protected override IReadOnlyList<string> AcceptedBodies
        => fake.Accepted.Select(a => a.Payload.GetProperty("aps").GetProperty("alert").GetProperty("body").GetString()!).ToList();

    public override async Task InitializeAsync()
    {
        fake = new FakeApnsServer(Time);
        await fake.StartAsync();
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    private ApnsOptions Options() => new()
    {
        TeamId = fake.TeamId,
        KeyId = fake.KeyId,
        PrivateKey = fake.PrivateKeyPem,
        BundleId = fake.BundleId,
        BaseAddress = fake.BaseAddress,
    };

    protected override IChannelSender CreateSender() => new ApnsSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget() => liveToken;

    protected override string DeadTarget()
    {
        var token = FakeApnsServer.NewDeviceToken();
        fake.Faults.MarkDead(token);
        return token;
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 4100) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var request = Assert.Single(fake.Requests);
        Assert.Equal("HTTP/2", request.Protocol);
        Assert.Equal("/3/device/" + liveToken, request.Path);
        Assert.Equal(fake.BundleId, request.Header("apns-topic"));
        Assert.Equal("alert", request.Header("apns-push-type"));
        Assert.Equal("10", request.Header("apns-priority"));
        Assert.Equal("1767355200", request.Header("apns-expiration"));
        Assert.Equal("order-1234", request.Header("apns-collapse-id"));
        var apnsId = Guid.Parse(request.Header("apns-id")!);
        Assert.Equal(5, apnsId.Version);
        Assert.Equal(Common.DeterministicUuid.Create(sample.IdempotencyKey), apnsId);
        Assert.StartsWith("bearer ", request.Header("authorization"));
        Assert.Equal(
            """{"aps":{"alert":{"title":"Your order shipped","body":"Order 1234 is on its way."},"thread-id":"orders"},"notificationId":"0d9a5c1e-7b3f-4a61-9c2e-5f8d7a6b4c31","category":"orders","type":"order.shipped","orderId":"1234"}""",
            request.BodyText);
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (ApnsOptions.Section, new()
    {
        ["TeamId"] = fake.TeamId,
        ["KeyId"] = fake.KeyId,
        ["PrivateKey"] = fake.PrivateKeyPem,
        ["BundleId"] = fake.BundleId,
        ["BaseAddress"] = fake.BaseAddress.AbsoluteUri,
    });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("TeamId", "short", "TeamId must be the 10-character Apple team id");
        yield return ("KeyId", "", "KeyId must be the 10-character id");
        yield return ("BundleId", "", "BundleId is required");
        yield return ("PrivateKey", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "not a PEM EC private key");
        yield return ("TokenRefreshInterval", "02:00:00", "TokenRefreshInterval must be between 20 and 55 minutes");
    }

    [Fact]
    public async Task Provider_token_is_reused_then_reminted_after_fifty_minutes()
    {
        var sender = CreateSender();
        await sender.SendAsync(Request(liveToken), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(30));
        await sender.SendAsync(Request(liveToken), CancellationToken.None);
        Assert.Equal(1, fake.ProviderTokensSeen);

        Time.Advance(TimeSpan.FromMinutes(20));
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(liveToken), CancellationToken.None));

        Assert.Equal(2, fake.ProviderTokensSeen);
        Assert.All(fake.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Expired_provider_token_is_replaced_and_the_send_retried_once()
    {
        // Bypasses the validator's 55-minute ceiling to let the token outlive Apple's hour.
        var options = Options();
        options.TokenRefreshInterval = TimeSpan.FromHours(3);
        var sender = new ApnsSender(Microsoft.Extensions.Options.Options.Create(options), Time);
        await sender.SendAsync(Request(liveToken), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(61));

        var outcome = await sender.SendAsync(Request(liveToken), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        Assert.Equal([200, 403, 200], fake.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Silent_content_goes_as_a_background_push_with_priority_five()
    {
        var content = SampleContent() with { Title = "", Body = "" };

        AssertOutcome(DeliveryOutcomeKind.Sent, await CreateSender().SendAsync(Request(liveToken, content), CancellationToken.None));

        var request = Assert.Single(fake.Requests);
        Assert.Equal("background", request.Header("apns-push-type"));
        Assert.Equal("5", request.Header("apns-priority"));
    }

    [Fact]
    public async Task Collapse_id_longer_than_64_bytes_is_refused_locally()
    {
        var content = SampleContent() with { Data = new Dictionary<string, string> { ["collapseKey"] = new string('c', 65) } };

        AssertOutcome(DeliveryOutcomeKind.Permanent, await CreateSender().SendAsync(Request(liveToken, content), CancellationToken.None));
        Assert.Empty(fake.Requests);
    }
}
