using Notifications.Api;

namespace Notifications.Application;

/// <summary>Checks a list or bulk filter into the query the store runs.</summary>
internal static class InboxFilters
{
    public const int MaxCategoryLength = 64;

    /// <param name="prefix">Prepended to field names: "filter." in a bulk body, nothing in a query string.</param>
    public static InboxQuery Parse(InboxFilter? filter, string prefix)
    {
        if (filter is null)
        {
            return InboxQuery.Active;
        }
        var state = filter.State switch
        {
            null or "active" => InboxState.Active,
            "unread" => InboxState.Unread,
            "archived" => InboxState.Archived,
            "snoozed" => InboxState.Snoozed,
            "all" => InboxState.All,
            _ => throw new ValidationFailedException(prefix + "state", "state must be active, unread, archived, snoozed or all."),
        };
        if (filter.Category is { } category && (category.Length == 0 || category.Length > MaxCategoryLength))
        {
            throw new ValidationFailedException(prefix + "category", $"category is 1-{MaxCategoryLength} characters.");
        }
        if (filter.Tag is { } tag && !InboxLabels.IsTag(tag))
        {
            throw new ValidationFailedException(prefix + "tag", $"tag is 1-{InboxLabels.MaxTagLength} characters of a-z, 0-9, '_', '.', ':' and '-'.");
        }
        return new InboxQuery(state, filter.Category, filter.Tag);
    }
}
