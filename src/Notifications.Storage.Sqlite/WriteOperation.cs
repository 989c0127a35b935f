namespace Notifications.Storage.Sqlite;

/// <summary>A unit of work for the single writer; it runs inside a shared transaction under its own savepoint.</summary>
internal abstract class WriteOperation
{
    public abstract void Execute(WriteSession session);

    /// <summary>Called after the shared transaction committed: the work is durable now.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class WriteOperation<T>(Func<WriteSession, T> work) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Execute(WriteSession session) => _result = work(session);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
