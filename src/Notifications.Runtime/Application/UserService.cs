using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Domain.State;
using Notifications.Model;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Partitions;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Application;

internal sealed class UserService(
    CommandRouter router,
    CommandCompletions completions,
    IPartitionStore store,
    IOptions<SiloOptions> options,
    TimeProvider time) : IUserService
{
    public async Task<UserView?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var state = await LoadAsync(userId, cancellationToken).ConfigureAwait(false);
        return state is null ? null : ViewOf(state);
    }

    public async Task<UserView> UpsertAsync(string userId, UserProfile profile, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(profile);
        await ApplyAsync(new UpsertProfileCommand { UserId = userId, Profile = profile with { Tags = profile.Tags ?? [] } }, cancellationToken).ConfigureAwait(false);
        var state = await LoadAsync(userId, cancellationToken).ConfigureAwait(false);
        return ViewOf(state ?? throw new InvalidOperationException($"User {userId} is missing right after its profile was committed."));
    }

    public async Task<NotificationPreferences?> UpdatePreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(preferences);
        if (await LoadAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        await ApplyAsync(new UpdatePreferencesCommand { UserId = userId, Preferences = preferences }, cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(userId, cancellationToken).ConfigureAwait(false))?.Preferences;
    }

    public async Task<bool> SetChannelPreferenceAsync(string userId, string category, ChannelKind channel, bool enabled, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        if (string.IsNullOrWhiteSpace(category) || category.Length > 64)
        {
            throw new ValidationFailedException("category", "category must be 1-64 characters.");
        }
        if (!Enum.IsDefined(channel))
        {
            throw new ValidationFailedException("channel", "channel must be inApp, push, email, sms or webhook.");
        }
        if (await LoadAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }
        await ApplyAsync(new SetChannelPreferenceCommand { UserId = userId, Category = category, Channel = channel, Enabled = enabled }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<Device?> RegisterDeviceAsync(string userId, RegisterDeviceRequest request, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        UserInputValidator.Validate(request);
        if (await LoadAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var device = new Device
        {
            Id = "dev_" + Guid.CreateVersion7(now).ToString("N"),
            Kind = request.Kind!.Value,
            Token = request.Kind == DeviceKind.WebPush ? null : request.Token,
            Subscription = request.Kind == DeviceKind.WebPush ? request.Subscription : null,
            RegisteredAt = now,
        };
        await ApplyAsync(new RegisterDeviceCommand { UserId = userId, Device = device }, cancellationToken).ConfigureAwait(false);
        return device;
    }

    public async Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var state = await LoadAsync(userId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Devices.All(d => d.Id != deviceId))
        {
            return false;
        }
        await ApplyAsync(new RemoveDeviceCommand { UserId = userId, DeviceId = deviceId }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the change to the user's grain and waits until it is committed, so a read right after sees it.</summary>
    private async Task ApplyAsync(UserCommand command, CancellationToken cancellationToken)
    {
        var appended = await router.SendAsync(router.Address(command, Priority.High), cancellationToken).ConfigureAwait(false);
        await completions.WaitAsync(appended.Sequence!.Value, options.Value.UserCommandTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<UserState?> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        var states = await store.LoadStatesAsync([userId], cancellationToken).ConfigureAwait(false);
        return states.TryGetValue(userId, out var state) && state.Registered ? state : null;
    }

    private static UserView ViewOf(UserState state) => new(state.UserId, state.Profile, state.Devices, state.Preferences);
}
