using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;
using Notifications.Model;

namespace Notifications.Application;

/// <summary>Validates user changes and hands them to the user's grain, which answers once they are committed.</summary>
internal sealed class UserService(UserGrains users, INotificationStore notifications, IOptions<SiloOptions> options, TimeProvider time) : IUserService
{
    public const int LookupNotifications = 20;

    /// <summary>An import's turns are admitted like bulk sends, so a large one waits here rather than in the scheduler.</summary>
    private readonly LaneAdmission _admission = new(options.Value.MaxInFlightPerLane);

    public Task<UserView?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return Grain(userId).GetAsync().WaitAsync(cancellationToken);
    }

    public async Task<UserLookup?> LookupAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }
        var recent = await notifications.ListRecentAsync(userId, LookupNotifications, cancellationToken).ConfigureAwait(false);
        return new UserLookup(user, recent);
    }

    public Task<UserView> UpsertAsync(string userId, UserProfile profile, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(profile);
        return Grain(userId).UpsertProfileAsync(profile with { Tags = profile.Tags ?? [] }).WaitAsync(cancellationToken);
    }

    public async Task<ImportUsersResponse> ImportAsync(IReadOnlyList<UserImportItem>? users, CancellationToken cancellationToken)
    {
        if (users is null || users.Count == 0)
        {
            throw new ValidationFailedException("users", $"Required: an array of 1 to {UserImportLimits.MaxUsers} users.");
        }
        if (users.Count > UserImportLimits.MaxUsers)
        {
            throw new ValidationFailedException("users", $"{users.Count} users; an import holds at most {UserImportLimits.MaxUsers}. Split it.");
        }
        var now = time.GetUtcNow();
        var imports = new (string UserId, UserProfile Profile, Device[] Devices)[users.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            imports[i] = ValidateItem(users[i], $"users[{i}]", now);
            if (!seen.TryAdd(imports[i].UserId, i))
            {
                throw new ValidationFailedException($"users[{i}].userId", $"users[{i}].userId '{imports[i].UserId}' is imported by users[{seen[imports[i].UserId]}] already.");
            }
        }
        var answers = imports
            .Select(u => _admission.RunAsync(Priority.Bulk, () => Grain(u.UserId).ImportAsync(u.Profile, u.Devices)))
            .ToArray();
        try
        {
            await Task.WhenAll(answers).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && answers.Any(a => a.IsCompletedSuccessfully))
        {
            // Some users' grains committed and some could not: each item says which, so a retry imports only the rest.
        }
        var results = new UserImportResult[imports.Length];
        for (var i = 0; i < imports.Length; i++)
        {
            results[i] = answers[i].IsCompletedSuccessfully
                ? new UserImportResult(i, imports[i].UserId, UserImportResult.Imported, imports[i].Devices)
                : new UserImportResult(i, imports[i].UserId, UserImportResult.Unavailable, Error: "not imported: the user's grain could not commit it; import it again.");
        }
        var imported = results.Count(r => r.Status == UserImportResult.Imported);
        return new ImportUsersResponse(imported, results.Length - imported, results);
    }

    public Task<NotificationPreferences?> UpdatePreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(preferences);
        return Grain(userId).UpdatePreferencesAsync(preferences).WaitAsync(cancellationToken);
    }

    public Task<bool> SetChannelPreferenceAsync(string userId, string category, ChannelKind channel, bool enabled, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        if (string.IsNullOrWhiteSpace(category) || category.Length > 64)
        {
            throw new ValidationFailedException("category", "category must be 1-64 characters.");
        }
        if (!Enum.IsDefined(channel))
        {
            throw new ValidationFailedException("channel", "channel must be inApp, push, email, sms, webhook or whatsapp.");
        }
        return Grain(userId).SetChannelPreferenceAsync(category, channel, enabled).WaitAsync(cancellationToken);
    }

    public Task<Device?> RegisterDeviceAsync(string userId, RegisterDeviceRequest request, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(request);
        return Grain(userId).RegisterDeviceAsync(NewDevice(request, time.GetUtcNow())).WaitAsync(cancellationToken);
    }

    /// <summary>A validated registration as the device the user's grain keeps.</summary>
    private static Device NewDevice(RegisterDeviceRequest request, DateTimeOffset now) => new()
    {
        Id = "dev_" + Guid.CreateVersion7(now).ToString("N"),
        Kind = request.Kind!.Value,
        Token = request.Kind == DeviceKind.WebPush ? null : request.Token,
        Subscription = request.Kind == DeviceKind.WebPush ? request.Subscription : null,
        RegisteredAt = now,
    };

    public Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return Grain(userId).RemoveDeviceAsync(deviceId).WaitAsync(cancellationToken);
    }

    private IUserGrain Grain(string userId) => users.Get(userId);

    /// <summary>The single endpoints' checks, with their fields named inside the item (users[3].profile.email).</summary>
    private static (string UserId, UserProfile Profile, Device[] Devices) ValidateItem(UserImportItem? item, string at, DateTimeOffset now)
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
            devices[d] = NewDevice(request, now);
        }
        return (item.UserId!, item.Profile! with { Tags = item.Profile!.Tags ?? [] }, devices);
    }

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
