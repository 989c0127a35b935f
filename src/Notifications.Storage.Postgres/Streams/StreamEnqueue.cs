namespace Notifications.Storage.Postgres.Streams;

/// <summary>One publish waiting for the insert that carries it; <see cref="Done"/> completes when that insert committed.</summary>
internal sealed class StreamEnqueue(int queue, string streamId, byte[] payload)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Queue => queue;

    public string StreamId => streamId;

    public byte[] Payload => payload;

    public Task Done => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
