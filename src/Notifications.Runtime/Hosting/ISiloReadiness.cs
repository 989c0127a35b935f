namespace Notifications.Runtime.Hosting;

/// <summary>Ready once storage is migrated, templates are loaded and every partition has a running processor.</summary>
public interface ISiloReadiness
{
    bool IsReady { get; }
}
