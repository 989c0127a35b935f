namespace Notifications.Storage.Tests.GrainStorage;

/// <summary>A small grain state for the grain storage kit: plain properties, serialisable by System.Text.Json.</summary>
public sealed class ProfileState
{
    public string Name { get; set; } = "";

    public int Visits { get; set; }

    public List<string> Tags { get; set; } = [];
}
