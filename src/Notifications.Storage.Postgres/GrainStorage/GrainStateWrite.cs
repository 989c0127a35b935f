namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>
/// One grain's write waiting for the next batch. Completes with the new version (null once deleted or absent) when
/// applied, or with <see cref="GrainStateConflict"/> when the stored version is not the expected one.
/// </summary>
internal sealed class GrainStateWrite(string grainId, string stateName, GrainStateWriteKind kind, long? expected, byte[] payload)
{
    public string GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public GrainStateWriteKind Kind { get; } = kind;
    public long? Expected { get; } = expected;
    public byte[] Payload { get; } = payload;
    public (string, string) Key => (GrainId, StateName);
    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
