using System.Globalization;
using Notifications.Model;
using Notifications.Runtime.Application;

namespace Notifications.Gateway.Validation;

internal static class PreferencesValidator
{
    private const int MaxCategories = 100;
    private const int MaxCategoryLength = 64;

    public static void Validate(NotificationPreferences preferences)
    {
        ValidateChannels(preferences.Channels, "channels");
        if (preferences.Categories is null)
        {
            throw new ValidationFailedException("categories", "Must be an object (possibly empty), not null.");
        }
        if (preferences.Categories.Count > MaxCategories)
        {
            throw new ValidationFailedException("categories", $"At most {MaxCategories} categories.");
        }
        foreach (var (category, preference) in preferences.Categories)
        {
            var field = $"categories.{category}";
            if (string.IsNullOrWhiteSpace(category) || category.Length > MaxCategoryLength)
            {
                throw new ValidationFailedException(field, $"A category name is 1 to {MaxCategoryLength} non-blank characters.");
            }
            if (preference is null)
            {
                throw new ValidationFailedException(field, "Must be an object, not null.");
            }
            ValidateChannels(preference.Channels, field + ".channels");
            if (!Enum.IsDefined(preference.Digest))
            {
                throw new ValidationFailedException(field + ".digest", "Must be one of instant, hourly, daily.");
            }
        }
        if (preferences.QuietHours is { } quiet)
        {
            var start = ParseTime(quiet.Start, "quietHours.start");
            var end = ParseTime(quiet.End, "quietHours.end");
            if (start == end)
            {
                throw new ValidationFailedException("quietHours.end", "The window is empty: end must differ from start (start after end wraps midnight).");
            }
            if (!Enum.IsDefined(quiet.Mode))
            {
                throw new ValidationFailedException("quietHours.mode", "Must be defer or inboxOnly.");
            }
        }
    }

    private static void ValidateChannels(IReadOnlyDictionary<ChannelKind, bool>? channels, string field)
    {
        if (channels is null)
        {
            throw new ValidationFailedException(field, "Must be an object (possibly empty), not null.");
        }
        foreach (var channel in channels.Keys)
        {
            // Enum keys can arrive as numbers in JSON; only the named channels exist.
            if (!Enum.IsDefined(channel))
            {
                throw new ValidationFailedException(field, $"Unknown channel \"{channel}\"; expected inApp, push, email or sms.");
            }
        }
    }

    private static TimeOnly ParseTime(string? text, string field)
    {
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new ValidationFailedException(field, $"\"{text}\" is not a local time of the form HH:mm (00:00 to 23:59).");
        }
        return time;
    }
}
