namespace Notifications;

/// <summary>The delivery lane. Lower values are served first everywhere: admission, the SQLite writer, delivery workers.</summary>
public enum Priority
{
    Critical = 0,
    High = 1,
    Normal = 2,
    Bulk = 3,
}
