using Microsoft.Extensions.Options;
using Notifications.Channels.Apns;
using Notifications.Channels.Fakes;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Protocols;

/// <summary>APNs multiplexes requests as HTTP/2 streams; Channels:Apns:MaxConnections caps the connections.</summary>
public sealed class ApnsConnectionTests : IAsyncLifetime
{
    private readonly FakeApnsServer fake = new();

    public Task InitializeAsync() => fake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task With_one_connection_configured_every_concurrent_send_is_a_stream_of_that_connection()
    {
        const int maxConnections = 1;
        using var sender = new ApnsSender(Options.Create(new ApnsOptions
        {
            TeamId = fake.TeamId,
            KeyId = fake.KeyId,
            PrivateKey = fake.PrivateKeyPem,
            BundleId = fake.BundleId,
            BaseAddress = fake.BaseAddress,
            MaxConnections = maxConnections,
        }), TimeProvider.System);
        var content = new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string>());

        // More requests at once than Kestrel's 100 streams per connection, so a second connection would be wanted.
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 250).Select(i => sender.SendAsync(
            new DeliveryRequest(i, Guid.NewGuid(), "u", DeliveryChannel.Apns, FakeApnsServer.NewDeviceToken(), Priority.High, 1, $"k{i}", content),
            CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(DeliveryOutcomeKind.Sent, o.Kind));
        Assert.Equal(maxConnections, fake.Connections);
        Assert.Equal(250, fake.Accepted.Count);
    }
}
