using System.Text.Json;
using Microsoft.Extensions.Options;
using Notifications.Channels.Fakes;
using Notifications.Channels.Fcm;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class FcmConformanceTests : ChannelConformanceTests
{
    private FakeFcmServer fake = null!;

    protected override DeliveryChannel Channel => DeliveryChannel.Fcm;

    protected override FaultPlan Faults => fake.Faults;

    protected override int SendAttempts => fake.Sends.Count();

    protected override IReadOnlyList<string> AcceptedBodies
        => fake.Accepted.Select(m => m.GetProperty("notification").GetProperty("body").GetString()!).ToList();

    public override async Task InitializeAsync()
    {
        fake = new FakeFcmServer(Time);
        await fake.StartAsync();
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    internal FakeFcmServer Fake => fake;

    internal FcmOptions Options() => new() { ServiceAccountJson = fake.ServiceAccountJson(), BaseAddress = fake.BaseAddress };

    protected override IChannelSender CreateSender() => new FcmSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget() => "fcm-token-live";

    protected override string DeadTarget()
    {
        fake.Faults.MarkDead("fcm-token-dead");
        return "fcm-token-dead";
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 4000) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var send = Assert.Single(fake.Sends);
        Assert.Equal("/v1/projects/demo-project/messages:send", send.Path);
        Assert.StartsWith("Bearer ya29.fake-", send.Header("Authorization"));
        Assert.Equal(
            """{"message":{"token":"fcm-token-live","notification":{"title":"Your order shipped","body":"Order 1234 is on its way."},"data":{"notificationId":"0d9a5c1e-7b3f-4a61-9c2e-5f8d7a6b4c31","category":"orders","type":"order.shipped","orderId":"1234"},"android":{"priority":"HIGH","ttl":"86400s","collapse_key":"order-1234"},"apns":{"headers":{"apns-priority":"10","apns-expiration":"1767355200","apns-collapse-id":"order-1234"}},"webpush":{"headers":{"TTL":"86400","Urgency":"high"}}}}""",
            send.BodyText);
        Assert.Equal(1, fake.TokensIssued);
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration()
        => (FcmOptions.Section, new() { ["ServiceAccountJson"] = fake.ServiceAccountJson(), ["BaseAddress"] = fake.BaseAddress.AbsoluteUri });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("ServiceAccountJson", "", "set ServiceAccountJson or ServiceAccountFile");
        yield return ("ServiceAccountJson", "{not json", "not valid JSON");
        yield return ("ServiceAccountJson", """{"type":"service_account","client_email":"a@b","private_key":"nope","project_id":"p"}""", "not a PEM RSA private key");
        yield return ("TokenUri", "not a url", "TokenUri 'not a url' is not an absolute http(s) URL");
        yield return ("TimeToLive", "30.00:00:00", "TimeToLive must be between 0 and 28 days");
        yield return ("Resilience:FailureRatio", "0", "FailureRatio must be in (0, 1]");
    }

    [Fact]
    public async Task Background_priority_lanes_map_to_NORMAL()
    {
        var outcome = await CreateSender().SendAsync(Request(LiveTarget(), lane: Priority.Bulk), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        var message = Assert.Single(fake.Accepted);
        Assert.Equal("NORMAL", message.GetProperty("android").GetProperty("priority").GetString());
        Assert.Equal("5", message.GetProperty("apns").GetProperty("headers").GetProperty("apns-priority").GetString());
    }

    [Fact]
    public async Task Access_token_is_cached_and_refreshed_once_after_a_401()
    {
        var sender = CreateSender();
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget()), CancellationToken.None));
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget()), CancellationToken.None));
        Assert.Equal(1, fake.TokensIssued);

        fake.RevokeAccessTokens();
        var afterRevocation = await sender.SendAsync(Request(LiveTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, afterRevocation);
        Assert.Equal(2, fake.TokensIssued);
        Assert.Equal([200, 200, 401, 200], fake.Sends.Select(r => r.Status));
    }

    [Fact]
    public async Task Token_exchange_signed_with_a_foreign_key_is_a_configuration_error()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        var json = JsonSerializer.Deserialize<Dictionary<string, string>>(fake.ServiceAccountJson())!;
        json["private_key"] = other.ExportPkcs8PrivateKeyPem();
        var options = Options();
        options.ServiceAccountJson = JsonSerializer.Serialize(json);

        var outcome = await new FcmSender(Microsoft.Extensions.Options.Options.Create(options), Time).SendAsync(Request(LiveTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, outcome);
        Assert.Empty(fake.Sends);
    }

    [Fact]
    public async Task Reserved_data_keys_are_refused_locally()
    {
        var content = SampleContent() with { Data = new Dictionary<string, string> { ["from"] = "x" } };

        var outcome = await CreateSender().SendAsync(Request(LiveTarget(), content), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Permanent, outcome);
        Assert.Empty(fake.Sends);
    }
}
