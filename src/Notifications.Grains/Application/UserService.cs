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
        var imports = UserImportValidator.Validate(users, time.GetUtcNow());
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
        var results = new UserImportResult[imports.Count];
        for (var i = 0; i < imports.Count; i++)
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
        return Grain(userId).RegisterDeviceAsync(RegisteredDevice.From(request, time.GetUtcNow())).WaitAsync(cancellationToken);
    }

    public Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return Grain(userId).RemoveDeviceAsync(deviceId).WaitAsync(cancellationToken);
    }

    private IUserGrain Grain(string userId) => users.Get(userId);
}
