namespace Notifications.Domain.Rules;

/// <summary>Names the actors of a digest the way people write it: "Ahmed, Sara and 5 others".</summary>
public static class ActorSummary
{
    /// <summary>The data field of an event that names who did it.</summary>
    public const string ActorKey = "actor";
    /// <summary>The data field templates use for the actor text of single events and digests alike.</summary>
    public const string ActorsKey = "actors";
    public const string CountKey = "count";

    private const int NamesShown = 2;

    public static string Format(IReadOnlyList<string> actors, int unnamedActors)
    {
        var total = actors.Count + unnamedActors;
        if (total == 0)
        {
            return "";
        }
        if (actors.Count == 1 && unnamedActors == 0)
        {
            return actors[0];
        }
        if (total <= NamesShown + 1 && unnamedActors == 0)
        {
            return string.Join(", ", actors.Take(actors.Count - 1)) + " and " + actors[^1];
        }
        var shown = actors.Take(NamesShown).ToList();
        var others = total - shown.Count;
        return string.Join(", ", shown) + " and " + others + (others == 1 ? " other" : " others");
    }
}
