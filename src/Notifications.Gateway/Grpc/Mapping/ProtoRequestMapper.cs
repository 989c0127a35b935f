using Notifications.Api;
using Grpc.Core;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Model;
using Proto = Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Mapping;

/// <summary>
/// Proto requests to the DTOs the application services take. Zero values become "not given" (null) so the
/// services apply the same defaults and validation as for REST; enum numbers this server does not know are refused here.
/// </summary>
internal static class ProtoRequestMapper
{
    public static SendNotificationRequest ToDto(Proto.SendRequest request, string path = "") => new()
    {
        UserId = NullIfEmpty(request.UserId),
        Type = request.HasType ? request.Type : null,
        Content = request.Content is null ? null : new InlineContent(request.Content.Title, request.Content.Body),
        Category = request.HasCategory ? request.Category : null,
        Data = request.Data.Count == 0 ? null : new Dictionary<string, string>(request.Data),
        Priority = ToPriority(request.Priority, path + "priority"),
        Channels = request.Channels.Count == 0 ? null : request.Channels.Select((c, i) => ToChannel(c, $"{path}channels[{i}]")).ToList(),
        IdempotencyKey = request.HasIdempotencyKey ? request.IdempotencyKey : null,
        DigestKey = request.HasDigestKey ? request.DigestKey : null,
        DigestWindowSeconds = request.HasDigestWindowSeconds ? request.DigestWindowSeconds : null,
        Tags = request.Tags.Count == 0 ? null : [.. request.Tags],
        Actions = request.Actions.Count == 0 ? null : [.. request.Actions.Select(a => new InboxAction(a.Id, a.Label, a.HasUrl ? a.Url : null))],
    };

    /// <summary>Unspecified is the default state (active), as an absent state is on REST.</summary>
    public static string? ToState(Proto.InboxState state) => state switch
    {
        Proto.InboxState.Unspecified => null,
        Proto.InboxState.Active => "active",
        Proto.InboxState.Unread => "unread",
        Proto.InboxState.Archived => "archived",
        Proto.InboxState.Snoozed => "snoozed",
        Proto.InboxState.All => "all",
        // Refused by the service, naming the field.
        _ => state.ToString(),
    };

    public static InboxFilter? ToDto(Proto.InboxFilter? filter) => filter is null
        ? null
        : new InboxFilter(ToState(filter.State), filter.HasCategory ? filter.Category : null, filter.HasTag ? filter.Tag : null);

    public static NotificationPreferences ToDto(Proto.Preferences preferences) => new()
    {
        Channels = ToChannelSwitches(preferences.Channels, "preferences.channels"),
        Categories = preferences.Categories.ToDictionary(
            c => c.Key,
            c => new CategoryPreference
            {
                Channels = ToChannelSwitches(c.Value.Channels, $"preferences.categories[{c.Key}].channels"),
                Digest = c.Value.Digest switch
                {
                    Proto.DigestCadence.Unspecified or Proto.DigestCadence.Instant => DigestCadence.Instant,
                    Proto.DigestCadence.Hourly => DigestCadence.Hourly,
                    Proto.DigestCadence.Daily => DigestCadence.Daily,
                    var other => throw Invalid($"preferences.categories[{c.Key}].digest", $"unknown digest cadence {(int)other}"),
                },
            },
            StringComparer.Ordinal),
        QuietHours = preferences.QuietHours is null
            ? null
            : new QuietHours(
                preferences.QuietHours.Start,
                preferences.QuietHours.End,
                preferences.QuietHours.Mode switch
                {
                    Proto.QuietHoursMode.Unspecified or Proto.QuietHoursMode.Defer => QuietHoursMode.Defer,
                    Proto.QuietHoursMode.InboxOnly => QuietHoursMode.InboxOnly,
                    var other => throw Invalid("preferences.quiet_hours.mode", $"unknown mode {(int)other}"),
                }),
    };

    public static UserProfile ToDto(Proto.UserProfile? profile) => profile is null
        ? new UserProfile()
        : new UserProfile
        {
            DisplayName = profile.HasDisplayName ? profile.DisplayName : null,
            Email = profile.HasEmail ? profile.Email : null,
            Phone = profile.HasPhone ? profile.Phone : null,
            WhatsApp = profile.HasWhatsapp ? profile.Whatsapp : null,
            WhatsAppOptIn = profile.WhatsappOptIn,
            Locale = profile.HasLocale ? profile.Locale : null,
            TimeZone = profile.HasTimeZone ? profile.TimeZone : null,
            Tags = profile.Tags.ToList(),
        };

    public static RegisterDeviceRequest ToDto(Proto.RegisterDeviceRequest request) => new(
        request.Kind switch
        {
            Proto.DeviceKind.Unspecified => null,
            Proto.DeviceKind.Ios => DeviceKind.Ios,
            Proto.DeviceKind.Android => DeviceKind.Android,
            Proto.DeviceKind.WebPush => DeviceKind.WebPush,
            var other => throw Invalid("kind", $"unknown device kind {(int)other}"),
        },
        request.HasToken ? request.Token : null,
        request.Subscription is null ? null : new WebPushSubscription(request.Subscription.Endpoint, request.Subscription.P256Dh, request.Subscription.Auth));

    public static Guid ToId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Invalid(field, value.Length == 0 ? "required" : $"'{value}' is not a valid id");

    public static Priority? ToPriority(Proto.Priority priority, string field) => priority switch
    {
        Proto.Priority.Unspecified => null,
        Proto.Priority.Critical => Priority.Critical,
        Proto.Priority.High => Priority.High,
        Proto.Priority.Normal => Priority.Normal,
        Proto.Priority.Bulk => Priority.Bulk,
        _ => throw Invalid(field, $"unknown priority {(int)priority}"),
    };

    public static ChannelKind ToChannel(Proto.Channel channel, string field) => channel switch
    {
        Proto.Channel.InApp => ChannelKind.InApp,
        Proto.Channel.Push => ChannelKind.Push,
        Proto.Channel.Email => ChannelKind.Email,
        Proto.Channel.Sms => ChannelKind.Sms,
        Proto.Channel.Webhook => ChannelKind.Webhook,
        Proto.Channel.Whatsapp => ChannelKind.WhatsApp,
        _ => throw Invalid(field, $"unknown channel {(int)channel}"),
    };

    /// <summary>Map keys are channel names as REST writes them ("inApp"); "in_app" and "IN_APP" are accepted too.</summary>
    private static Dictionary<ChannelKind, bool> ToChannelSwitches(IDictionary<string, bool> switches, string field)
    {
        var result = new Dictionary<ChannelKind, bool>();
        foreach (var (name, enabled) in switches)
        {
            if (!Enum.TryParse<ChannelKind>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var channel)
                || !Enum.IsDefined(channel)
                || name.Any(char.IsDigit))
            {
                throw Invalid(field, $"unknown channel '{name}' (expected inApp, push, email, sms, webhook or whatsapp)");
            }

            result[channel] = enabled;
        }

        return result;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static RpcException Invalid(string field, string message) => GrpcErrors.InvalidArgument(field, message);
}
