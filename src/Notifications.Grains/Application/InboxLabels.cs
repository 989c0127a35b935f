using Notifications.Api;

namespace Notifications.Application;

/// <summary>The limits of the inbox's tags and action buttons (the inbox API contract), checked at accept time.</summary>
internal static class InboxLabels
{
    public const int MaxTags = 10;
    public const int MaxTagLength = 64;
    public const int MaxActions = 2;
    public const int MaxActionIdLength = 64;
    public const int MaxLabelLength = 64;

    /// <summary>The request's tags then the type's, without repeats. The limit is on what the producer sent.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string>? requested, IReadOnlyList<string> ofType, string field)
    {
        requested ??= [];
        if (requested.Count > MaxTags)
        {
            throw new ValidationFailedException(field, $"{field} holds at most {MaxTags} tags.");
        }
        foreach (var tag in requested)
        {
            if (!IsTag(tag))
            {
                throw new ValidationFailedException(field, $"each tag is 1-{MaxTagLength} characters of a-z, 0-9, '_', '.', ':' and '-'.");
            }
        }
        return [.. requested.Concat(ofType).Distinct(StringComparer.Ordinal)];
    }

    public static IReadOnlyList<InboxAction> Actions(IReadOnlyList<InboxAction>? requested, string field)
    {
        requested ??= [];
        if (requested.Count > MaxActions)
        {
            throw new ValidationFailedException(field, $"{field} holds at most {MaxActions} actions.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var action = requested[i];
            var at = $"{field}[{i}]";
            if (action is null)
            {
                throw new ValidationFailedException(at, "an action is an object with id, label and optionally url.");
            }
            if (!IsActionId(action.Id))
            {
                throw new ValidationFailedException(at + ".id", $"id is 1-{MaxActionIdLength} characters of a-z, A-Z, 0-9, '_' and '-'.");
            }
            if (!ids.Add(action.Id))
            {
                throw new ValidationFailedException(at + ".id", $"action id '{action.Id}' is used twice.");
            }
            if (string.IsNullOrWhiteSpace(action.Label) || action.Label.Length > MaxLabelLength)
            {
                throw new ValidationFailedException(at + ".label", $"label is required and at most {MaxLabelLength} characters.");
            }
            if (action.Url is { } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ValidationFailedException(at + ".url", "url must be an absolute http or https address.");
            }
        }
        return requested;
    }

    public static bool IsTag(string? tag) =>
        tag is { Length: > 0 and <= MaxTagLength } && tag.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or ':' or '-');

    private static bool IsActionId(string? id) =>
        id is { Length: > 0 and <= MaxActionIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
