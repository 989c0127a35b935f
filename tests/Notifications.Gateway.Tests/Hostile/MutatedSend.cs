using System.Text;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>A valid send for the victim, mutated; <see cref="Marker"/> is its title, to look for what it created.</summary>
public sealed record MutatedSend(string Marker, byte[] Body, string? ContentType)
{
    public override string ToString() =>
        $"Content-Type: {ContentType ?? "(none)"}\n{(Body.Length > 300 ? Encoding.UTF8.GetString(Body, 0, 300) + $"... ({Body.Length} bytes)" : Encoding.UTF8.GetString(Body))}";
}
