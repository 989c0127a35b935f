using Notifications.Api;
using Notifications.Model;

namespace Notifications.Application;

/// <summary>
/// Checks a whole import before any of it is written: each item with the single endpoints' rules
/// (<see cref="UserInputValidator"/>, <see cref="SendRequestValidator.RequireId"/>), their fields named inside the item
/// (users[3].profile.email, users[0].devices[1].token).
/// </summary>
internal static class UserImportValidator
{
    public static IReadOnlyList<ValidatedUserImport> Validate(IReadOnlyList<UserImportItem>? users, DateTimeOffset now)
    {
        if (users is null || users.Count == 0)
        {
            throw new ValidationFailedException("users", $"Required: an array of 1 to {UserImportLimits.MaxUsers} users.");
        }
        if (users.Count > UserImportLimits.MaxUsers)
        {
            throw new ValidationFailedException("users", $"{users.Count} users; an import holds at most {UserImportLimits.MaxUsers}. Split it.");
        }
        var imports = new ValidatedUserImport[users.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            imports[i] = Validate(users[i], $"users[{i}]", now);
            // Two turns for one user in one import would leave which of them won to chance.
            if (!seen.TryAdd(imports[i].UserId, i))
            {
                throw new ValidationFailedException($"users[{i}].userId", $"users[{i}].userId '{imports[i].UserId}' is imported by users[{seen[imports[i].UserId]}] already.");
            }
        }
        return imports;
    }

    private static ValidatedUserImport Validate(UserImportItem? item, string at, DateTimeOffset now)
    {
        if (item is null)
        {
            throw new ValidationFailedException(at, $"{at} must be an object {{userId, profile, devices?}}.");
        }
        SendRequestValidator.RequireId(item.UserId, $"{at}.userId");
        Within($"{at}.profile", () => UserInputValidator.Validate(item.Profile));
        var requests = item.Devices ?? [];
        if (requests.Count > UserImportLimits.MaxDevicesPerUser)
        {
            throw new ValidationFailedException($"{at}.devices", $"{at}.devices holds at most {UserImportLimits.MaxDevicesPerUser} devices.");
        }
        var devices = new Device[requests.Count];
        for (var d = 0; d < requests.Count; d++)
        {
            var request = requests[d];
            Within($"{at}.devices[{d}]", () => UserInputValidator.Validate(request));
            devices[d] = RegisteredDevice.From(request, now);
        }
        return new ValidatedUserImport(item.UserId!, item.Profile! with { Tags = item.Profile.Tags ?? [] }, devices);
    }

    /// <summary>The single endpoint's error, its field moved under the item ("body" is the item's part itself).</summary>
    private static void Within(string at, Action validate)
    {
        try
        {
            validate();
        }
        catch (ValidationFailedException exception)
        {
            throw new ValidationFailedException(exception.Field == "body" ? at : $"{at}.{exception.Field}", $"{at}: {exception.Message}");
        }
    }
}
