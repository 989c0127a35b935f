using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Storage;
using Notifications.Model;

namespace Notifications.Application;

/// <summary>Validates user changes and hands them to the user's grain, which answers once they are committed.</summary>
internal sealed class UserService(UserGrains users, INotificationStore notifications, TimeProvider time) : IUserService
{
    public const int LookupNotifications = 20;

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
        var now = time.GetUtcNow();
        var device = new Device
        {
            Id = "dev_" + Guid.CreateVersion7(now).ToString("N"),
            Kind = request.Kind!.Value,
            Token = request.Kind == DeviceKind.WebPush ? null : request.Token,
            Subscription = request.Kind == DeviceKind.WebPush ? request.Subscription : null,
            RegisteredAt = now,
        };
        return Grain(userId).RegisterDeviceAsync(device).WaitAsync(cancellationToken);
    }

    public Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return Grain(userId).RemoveDeviceAsync(deviceId).WaitAsync(cancellationToken);
    }

    private IUserGrain Grain(string userId) => users.Get(userId);
}
