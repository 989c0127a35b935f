namespace Notifications.Domain.Rules;

/// <summary>Names the actors of a digest the way people write it: "Ahmed, Sara and 5 others", in the user's language.</summary>
public static class ActorSummary
{
    /// <summary>The data field of an event that names who did it.</summary>
    public const string ActorKey = "actor";
    /// <summary>The data field templates use for the actor text of single events and digests alike.</summary>
    public const string ActorsKey = "actors";
    public const string CountKey = "count";

    private const int NamesShown = 2;

    /// <param name="locale">The user's locale (BCP 47); a language without its own words reads English.</param>
    public static string Format(IReadOnlyList<string> actors, int unnamedActors, string? locale = null)
    {
        var words = Words.For(locale);
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
            return string.Join(", ", actors.Take(actors.Count - 1)) + words.And + actors[^1];
        }
        var shown = actors.Take(NamesShown).ToList();
        var others = total - shown.Count;
        return string.Join(", ", shown) + words.And + others + (others == 1 ? words.Other : words.Others);
    }

    private sealed record Words(string And, string Other, string Others)
    {
        private static readonly Words English = new(" and ", " other", " others");
        private static readonly Words French = new(" et ", " autre", " autres");

        /// <summary>By language only: "fr", "fr-CA" and "fr_FR" all read French.</summary>
        public static Words For(string? locale)
        {
            if (string.IsNullOrEmpty(locale))
            {
                return English;
            }
            var end = locale.IndexOfAny(['-', '_']);
            var language = end < 0 ? locale : locale[..end];
            return language.Equals("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
        }
    }
}
