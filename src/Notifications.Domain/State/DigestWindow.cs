using Notifications.Domain.Rules;

namespace Notifications.Domain.State;

/// <summary>One open aggregation window for one digest key. Its flush timer carries <see cref="Id"/>.</summary>
public sealed class DigestWindow
{
    /// <summary>How many distinct actors a window remembers by name; the rest are only counted.</summary>
    public const int MaxNamedActors = 16;

    public required Guid Id { get; init; }
    public required string Key { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset FlushAt { get; init; }
    public int Count { get; set; }
    public List<string> Actors { get; set; } = [];
    public int OtherActors { get; set; }
    /// <summary>The latest event: its type, content and data shape the digest notification.</summary>
    public required Commands.NotifyCommand Latest { get; set; }

    public void Add(Commands.NotifyCommand notification)
    {
        Count++;
        Latest = notification;
        if (!notification.Data.TryGetValue(ActorSummary.ActorKey, out var actor) || string.IsNullOrWhiteSpace(actor) || Actors.Contains(actor))
        {
            return;
        }
        if (Actors.Count < MaxNamedActors)
        {
            Actors.Add(actor);
        }
        else
        {
            OtherActors++;
        }
    }
}
