namespace Notifications.Testing;

/// <summary>The Azurite service an <see cref="AzuriteServer"/> runs (each is its own npm binary and port).</summary>
public enum AzuriteService
{
    Table,
    Queue,
}
