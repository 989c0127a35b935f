using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Notifications.Domain.Rules;
using Notifications.Model;
using Notifications.Runtime.Application;

namespace Notifications.Gateway.Validation;

internal static partial class ProfileValidator
{
    private const int MaxDisplayNameLength = 200;
    private const int MaxEmailLength = 254;
    private const int MaxTags = 50;
    private const int MaxTagLength = 64;

    public static void Validate(UserProfile profile)
    {
        if (profile.DisplayName is { Length: > MaxDisplayNameLength })
        {
            throw new ValidationFailedException("displayName", $"At most {MaxDisplayNameLength} characters.");
        }
        if (profile.Email is not null && !IsEmail(profile.Email))
        {
            throw new ValidationFailedException("email", $"\"{profile.Email}\" is not an email address of the form name@example.com.");
        }
        if (profile.Phone is not null && !E164().IsMatch(profile.Phone))
        {
            throw new ValidationFailedException("phone", $"\"{profile.Phone}\" is not an E.164 number: '+', a country code and at most 15 digits in all, for example +14155550100.");
        }
        if (profile.TimeZone is not null && !TimeZones.TryFind(profile.TimeZone, out _))
        {
            throw new ValidationFailedException("timeZone", $"\"{profile.TimeZone}\" is not a known IANA time zone id (for example Europe/Berlin).");
        }
        if (profile.Locale is not null && !IsLocale(profile.Locale))
        {
            throw new ValidationFailedException("locale", $"\"{profile.Locale}\" is not a known BCP 47 locale (for example fr-CA).");
        }
        ValidateTags(profile.Tags);
    }

    private static void ValidateTags(IReadOnlyList<string>? tags)
    {
        // JSON can set an init-only collection to null even though the model defaults it to empty.
        if (tags is null)
        {
            throw new ValidationFailedException("tags", "Must be an array (possibly empty), not null.");
        }
        if (tags.Count > MaxTags)
        {
            throw new ValidationFailedException("tags", $"At most {MaxTags} tags.");
        }
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Length > MaxTagLength)
            {
                throw new ValidationFailedException($"tags[{i}]", $"A tag is 1 to {MaxTagLength} non-blank characters.");
            }
        }
    }

    private static bool IsEmail(string email) =>
        email.Length <= MaxEmailLength
        && MailAddress.TryCreate(email, out var address)
        && string.IsNullOrEmpty(address.DisplayName)
        && string.Equals(address.Address, email, StringComparison.Ordinal)
        && !email.Any(char.IsWhiteSpace);

    private static bool IsLocale(string locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return false;
        }
        try
        {
            // predefinedOnly: without it ICU invents a culture for any well-formed-looking string.
            _ = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
            return true;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
