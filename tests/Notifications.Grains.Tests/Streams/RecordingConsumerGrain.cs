using Orleans.Streams;
using Orleans.Streams.Core;

namespace Notifications.Grains.Tests.Streams;

/// <summary>Subscribed implicitly to every stream of <see cref="StreamTestNames.Namespace"/>; records each event it receives, with its token.</summary>
[ImplicitStreamSubscription(StreamTestNames.Namespace)]
internal sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<string>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<string>().ResumeAsync(this);

    public async Task OnNextAsync(string item, StreamSequenceToken? token = null)
    {
        var key = this.GetPrimaryKeyString();
        if (!await ConsumerGate.PassAsync(key))
        {
            throw new InvalidOperationException($"The delivery of {item} was held until its silo was killed.");
        }
        StreamReceipts.Record(key, item, token);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
