namespace Notifications.Storage.Postgres.GrainStorage;

internal enum GrainStateWriteKind
{
    /// <summary>Insert when no version is expected, otherwise update the row holding the expected version.</summary>
    Upsert,

    /// <summary>Delete the row holding the expected version.</summary>
    Delete,

    /// <summary>A clear by an activation that saw no record: succeeds only if there still is none.</summary>
    EnsureAbsent,
}
