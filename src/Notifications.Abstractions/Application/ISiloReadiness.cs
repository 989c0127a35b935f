namespace Notifications.Application;

/// <summary>Ready once storage is migrated, templates are loaded and the Orleans silo is active.</summary>
public interface ISiloReadiness
{
    bool IsReady { get; }
}
