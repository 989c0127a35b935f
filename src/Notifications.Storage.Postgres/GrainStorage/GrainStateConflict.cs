namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>A batched write found another version stored than its activation expected; the storage turns it into Orleans' InconsistentStateException.</summary>
internal sealed class GrainStateConflict(long? storedVersion) : Exception("The stored version is not the expected one.")
{
    public long? StoredVersion { get; } = storedVersion;
}
