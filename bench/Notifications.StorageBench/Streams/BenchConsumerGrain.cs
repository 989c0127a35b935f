using Orleans.Streams;
using Orleans.Streams.Core;

namespace Notifications.StorageBench.Streams;

[ImplicitStreamSubscription(StreamsBenchNames.Namespace)]
internal sealed class BenchConsumerGrain : Grain, IBenchConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<long>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<long>().ResumeAsync(this);

    public Task OnNextAsync(long item, StreamSequenceToken? token = null)
    {
        StreamsBenchCounter.Received();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
