using Microsoft.Extensions.Logging.Abstractions;
using Notifications.Channels.Resilience;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Protocols;

public sealed class LocalRateLimitTests
{
    private sealed class CountingSender : IChannelSender
    {
        public int Calls;

        public DeliveryChannel Channel => DeliveryChannel.Sms;

        public Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(DeliveryOutcome.Sent());
        }
    }

    [Fact]
    public async Task Requests_beyond_the_local_limit_are_deferred_not_sent()
    {
        var inner = new CountingSender();
        var options = new ChannelResilienceOptions { PermitsPerSecond = 1, Burst = 1, QueueLimit = 0 };
        await using var sender = new ResilientChannelSender(inner, options, TimeProvider.System, NullLogger.Instance, new ProviderHealthRegistry());
        var request = new DeliveryRequest(1, Guid.NewGuid(), "u", DeliveryChannel.Sms, "+15551230001", Priority.Normal, 1, "k",
            new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string>()));

        var first = await sender.SendAsync(request, CancellationToken.None);
        var second = await sender.SendAsync(request, CancellationToken.None);

        Assert.Equal(DeliveryOutcomeKind.Sent, first.Kind);
        Assert.Equal(DeliveryOutcomeKind.Transient, second.Kind);
        Assert.NotNull(second.RetryAfter);
        Assert.Equal(1, inner.Calls);
    }
}
