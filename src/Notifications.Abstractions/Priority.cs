namespace Notifications;

/// <summary>The delivery lane. Lower values are served first everywhere: command streams, delivery workers.</summary>
public enum Priority
{
    Critical = 0,
    High = 1,
    Normal = 2,
    Bulk = 3,
}
