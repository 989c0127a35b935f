using Notifications.Channels.Fakes;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

/// <summary>What the SMS and WhatsApp senders share against the one Twilio fake: the account, the numbers, the form on the wire.</summary>
public abstract class TwilioConformanceTests : ChannelConformanceTests
{
    protected const string Sender = "+15005550006";
    protected const string User = "+15551230001";
    protected const string CallbackUrl = "https://silo.example.com/callbacks/twilio";

    protected FakeTwilioServer Fake { get; private set; } = null!;

    protected override FaultPlan Faults => Fake.Faults;

    protected override int SendAttempts => Fake.Requests.Count;

    protected override IReadOnlyList<string> AcceptedBodies => Fake.Accepted.Select(form => form.GetValueOrDefault("Body") ?? "").ToList();

    public override async Task InitializeAsync()
    {
        Fake = new FakeTwilioServer(Time);
        await Fake.StartAsync();
    }

    public override async Task DisposeAsync() => await Fake.DisposeAsync();

    protected override string DeadTarget()
    {
        Fake.Faults.MarkDead("+15551239999");
        return "+15551239999";
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 1601) };

    /// <summary>The one request, to the account's Messages resource, form-encoded as <paramref name="fields"/> in any order (the SDK picks its own).</summary>
    protected void AssertSingleForm(params string[] fields)
    {
        var request = Assert.Single(Fake.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{Fake.AccountSid}/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal(fields.Order(StringComparer.Ordinal), request.BodyText.Split('&').Order(StringComparer.Ordinal));
        Assert.Equal(201, request.Status);
    }

    protected Dictionary<string, string?> AccountConfiguration() => new()
    {
        ["AccountSid"] = Fake.AccountSid,
        ["AuthToken"] = Fake.AuthToken,
        ["From"] = Sender,
        ["BaseAddress"] = Fake.BaseAddress.AbsoluteUri,
    };
}
