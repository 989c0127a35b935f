using System.Text;
using Notifications.Channels.Fakes;
using Notifications.Channels.Webhook;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class WebhookConformanceTests : ChannelConformanceTests
{
    private const string Secret = "webhook-secret-for-tests-0123456789";
    private FakeWebhookReceiver fake = null!;

    protected override DeliveryChannel Channel => DeliveryChannel.Webhook;

    protected override FaultPlan Faults => fake.Faults;

    protected override int SendAttempts => fake.Requests.Count;

    protected override IReadOnlyList<string> AcceptedBodies => fake.Accepted.Select(json => json.GetProperty("body").GetString()!).ToList();

    public override async Task InitializeAsync()
    {
        fake = new FakeWebhookReceiver(Secret, Time);
        await fake.StartAsync();
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    private WebhookOptions Options() => new() { SigningSecret = Secret, AllowInsecureHttp = true, MaxPayloadBytes = 8 * 1024 };

    protected override IChannelSender CreateSender() => new WebhookSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget() => fake.Hook("orders").AbsoluteUri;

    protected override string DeadTarget()
    {
        fake.Faults.MarkDead("removed");
        return fake.Hook("removed").AbsoluteUri;
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 9000) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/hooks/orders", request.Path);
        Assert.Equal("1767268800", request.Header(WebhookSignature.TimestampHeader));
        Assert.Equal("job-42", request.Header(WebhookSignature.IdHeader));
        Assert.True(new WebhookSignature(Secret).Verify(request.Header(WebhookSignature.TimestampHeader), request.Header(WebhookSignature.SignatureHeader), request.Body, Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(
            """{"id":"job-42","notificationId":"0d9a5c1e-7b3f-4a61-9c2e-5f8d7a6b4c31","userId":"user-1","lane":"high","category":"orders","type":"order.shipped","title":"Your order shipped","body":"Order 1234 is on its way.","html":"\u003Cp\u003EOrder \u003Cb\u003E1234\u003C/b\u003E is on its way.\u003C/p\u003E","data":{"collapseKey":"order-1234","orderId":"1234"},"sentAt":"2026-01-01T12:00:00+00:00"}""",
            Encoding.UTF8.GetString(request.Body));
        Assert.Equal(204, request.Status);
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration()
        => (WebhookOptions.Section, new() { ["SigningSecret"] = Secret });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("SigningSecret", "short", "SigningSecret must be at least 16 characters");
        yield return ("MaxPayloadBytes", "10", "MaxPayloadBytes must be at least 1024");
    }

    [Fact]
    public async Task A_receiver_rejecting_the_signature_is_a_configuration_error_and_http_needs_opt_in()
    {
        var wrong = new WebhookSender(Microsoft.Extensions.Options.Options.Create(new WebhookOptions { SigningSecret = "another-secret-0123456789", AllowInsecureHttp = true }), Time);
        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await wrong.SendAsync(Request(LiveTarget()), CancellationToken.None));

        var strict = new WebhookSender(Microsoft.Extensions.Options.Options.Create(new WebhookOptions { SigningSecret = Secret }), Time);
        AssertOutcome(DeliveryOutcomeKind.TargetDead, await strict.SendAsync(Request(LiveTarget()), CancellationToken.None));
    }
}
