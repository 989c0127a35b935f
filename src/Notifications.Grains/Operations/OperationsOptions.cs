namespace Notifications.Grains.Operations;

/// <summary><c>Silo:Operations</c>: how this silo reports to the operations console.</summary>
public sealed class OperationsOptions
{
    /// <summary>How often each silo sends its counters; the console's live view refreshes at the same pace.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);
}
