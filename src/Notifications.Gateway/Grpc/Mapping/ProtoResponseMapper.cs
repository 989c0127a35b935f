using Google.Protobuf.WellKnownTypes;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Model;
using Proto = Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Mapping;

/// <summary>The application services' DTOs to proto messages.</summary>
internal static class ProtoResponseMapper
{
    public static Proto.SendResponse ToProto(SendNotificationResponse response) => new()
    {
        Id = response.Id.ToString(),
        Status = response.Status,
    };

    public static Proto.SendBatchResponse ToProto(BatchSendResponse response)
    {
        var message = new Proto.SendBatchResponse { Accepted = response.Accepted, Rejected = response.Rejected };
        foreach (var item in response.Results)
        {
            var result = new Proto.BatchItemResult { Index = item.Index, Id = item.Id?.ToString() ?? "", Status = item.Status };
            if (item.Error is not null)
            {
                result.Error = item.Error;
            }

            if (item.Field is not null)
            {
                result.Field = GrpcFieldPath.ToProto(item.Field);
            }

            message.Results.Add(result);
        }

        return message;
    }

    public static Proto.Notification ToProto(NotificationView view)
    {
        var message = new Proto.Notification
        {
            Id = view.Id.ToString(),
            UserId = view.UserId,
            Category = view.Category,
            Priority = ToProto(view.Priority),
            Status = view.Status,
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
        };
        if (view.Type is not null)
        {
            message.Type = view.Type;
        }

        if (view.Title is not null)
        {
            message.Title = view.Title;
        }

        if (view.Body is not null)
        {
            message.Body = view.Body;
        }

        message.Deliveries.AddRange(view.Deliveries.Select(ToProto));
        return message;
    }

    public static Proto.InboxPage ToProto(InboxPage page)
    {
        var message = new Proto.InboxPage { UnreadCount = page.UnreadCount, UnseenCount = page.UnseenCount };
        if (page.NextCursor is not null)
        {
            message.NextCursor = page.NextCursor;
        }

        message.Notifications.AddRange(page.Notifications.Select(ToProto));
        return message;
    }

    public static Proto.InboxItem ToProto(InboxItem item)
    {
        var message = new Proto.InboxItem
        {
            Id = item.Id.ToString(),
            Category = item.Category,
            Title = item.Title,
            Body = item.Body,
            CreatedAt = Timestamp.FromDateTimeOffset(item.CreatedAt),
            ReadAt = item.ReadAt is { } readAt ? Timestamp.FromDateTimeOffset(readAt) : null,
            SeenAt = item.SeenAt is { } seenAt ? Timestamp.FromDateTimeOffset(seenAt) : null,
            ArchivedAt = item.ArchivedAt is { } archivedAt ? Timestamp.FromDateTimeOffset(archivedAt) : null,
            SnoozedUntil = item.SnoozedUntil is { } snoozedUntil ? Timestamp.FromDateTimeOffset(snoozedUntil) : null,
        };
        message.Tags.AddRange(item.Tags);
        message.Actions.AddRange(item.Actions.Select(ToProto));
        if (item.Type is not null)
        {
            message.Type = item.Type;
        }

        foreach (var (key, value) in item.Data)
        {
            message.Data[key] = value;
        }
        return message;
    }

    public static Proto.InboxAction ToProto(InboxAction action)
    {
        var message = new Proto.InboxAction { Id = action.Id, Label = action.Label };
        if (action.Url is not null)
        {
            message.Url = action.Url;
        }
        return message;
    }

    public static Proto.InboxEvent ToProto(RealtimeEvent realtime)
    {
        var message = new Proto.InboxEvent
        {
            Kind = realtime.Kind,
            Notification = realtime.Notification is null ? null : ToProto(realtime.Notification),
            UnreadCount = realtime.UnreadCount,
            UnseenCount = realtime.UnseenCount,
        };
        if (realtime.Cursor is not null)
        {
            message.EventId = realtime.Cursor;
        }
        return message;
    }

    public static Proto.InboxCounts ToProto(InboxCounts counts) => new() { Unread = counts.Unread, Unseen = counts.Unseen };

    public static Proto.Preferences ToProto(NotificationPreferences preferences)
    {
        var message = new Proto.Preferences
        {
            QuietHours = preferences.QuietHours is null
                ? null
                : new Proto.QuietHours
                {
                    Start = preferences.QuietHours.Start,
                    End = preferences.QuietHours.End,
                    Mode = preferences.QuietHours.Mode == QuietHoursMode.InboxOnly ? Proto.QuietHoursMode.InboxOnly : Proto.QuietHoursMode.Defer,
                },
        };
        foreach (var (channel, enabled) in preferences.Channels)
        {
            message.Channels[ChannelName(channel)] = enabled;
        }

        foreach (var (name, category) in preferences.Categories)
        {
            var proto = new Proto.CategoryPreference
            {
                Digest = category.Digest switch
                {
                    DigestCadence.Hourly => Proto.DigestCadence.Hourly,
                    DigestCadence.Daily => Proto.DigestCadence.Daily,
                    _ => Proto.DigestCadence.Instant,
                },
            };
            foreach (var (channel, enabled) in category.Channels)
            {
                proto.Channels[ChannelName(channel)] = enabled;
            }

            message.Categories[name] = proto;
        }

        return message;
    }

    public static Proto.User ToProto(UserView user)
    {
        var message = new Proto.User
        {
            UserId = user.UserId,
            Profile = ToProto(user.Profile),
            Preferences = ToProto(user.Preferences),
        };
        message.Devices.AddRange(user.Devices.Select(ToProto));
        return message;
    }

    public static Proto.UserProfile ToProto(UserProfile profile)
    {
        var message = new Proto.UserProfile();
        if (profile.DisplayName is not null)
        {
            message.DisplayName = profile.DisplayName;
        }

        if (profile.Email is not null)
        {
            message.Email = profile.Email;
        }

        if (profile.Phone is not null)
        {
            message.Phone = profile.Phone;
        }

        if (profile.WhatsApp is not null)
        {
            message.Whatsapp = profile.WhatsApp;
            message.WhatsappOptIn = profile.WhatsAppOptIn;
        }

        if (profile.Locale is not null)
        {
            message.Locale = profile.Locale;
        }

        if (profile.TimeZone is not null)
        {
            message.TimeZone = profile.TimeZone;
        }

        message.Tags.AddRange(profile.Tags);
        return message;
    }

    public static Proto.Device ToProto(Device device)
    {
        var message = new Proto.Device
        {
            Id = device.Id,
            Kind = device.Kind switch
            {
                DeviceKind.Ios => Proto.DeviceKind.Ios,
                DeviceKind.Android => Proto.DeviceKind.Android,
                _ => Proto.DeviceKind.WebPush,
            },
            Subscription = device.Subscription is null
                ? null
                : new Proto.WebPushSubscription { Endpoint = device.Subscription.Endpoint, P256Dh = device.Subscription.P256dh, Auth = device.Subscription.Auth },
            RegisteredAt = Timestamp.FromDateTimeOffset(device.RegisteredAt),
        };
        if (device.Token is not null)
        {
            message.Token = device.Token;
        }

        return message;
    }

    /// <summary>The same spelling as the REST JSON ("inApp").</summary>
    public static string ChannelName(ChannelKind channel)
    {
        var name = channel.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static Proto.Delivery ToProto(DeliveryView delivery)
    {
        var message = new Proto.Delivery
        {
            Id = delivery.Id,
            Channel = ToProto(delivery.Channel),
            Target = delivery.Target,
            Status = (Proto.DeliveryStatus)((int)delivery.Status + 1),
            Attempts = delivery.Attempts,
            UpdatedAt = Timestamp.FromDateTimeOffset(delivery.UpdatedAt),
        };
        if (delivery.ProviderMessageId is not null)
        {
            message.ProviderMessageId = delivery.ProviderMessageId;
        }
        foreach (var transition in delivery.History ?? [])
        {
            var step = new Proto.DeliveryTransition
            {
                Status = (Proto.DeliveryStatus)((int)transition.Status + 1),
                At = Timestamp.FromDateTimeOffset(transition.At),
            };
            if (transition.Detail is not null)
            {
                step.Detail = transition.Detail;
            }
            message.History.Add(step);
        }
        if (delivery.Reason is not null)
        {
            message.Reason = delivery.Reason;
        }

        return message;
    }

    public static Proto.DeliveryChannel ToProto(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.InApp => Proto.DeliveryChannel.InApp,
        DeliveryChannel.Apns => Proto.DeliveryChannel.Apns,
        DeliveryChannel.Fcm => Proto.DeliveryChannel.Fcm,
        DeliveryChannel.WebPush => Proto.DeliveryChannel.WebPush,
        DeliveryChannel.Email => Proto.DeliveryChannel.Email,
        DeliveryChannel.Sms => Proto.DeliveryChannel.Sms,
        DeliveryChannel.Webhook => Proto.DeliveryChannel.Webhook,
        DeliveryChannel.WhatsApp => Proto.DeliveryChannel.Whatsapp,
        _ => Proto.DeliveryChannel.Unspecified,
    };

    public static Proto.Priority ToProto(Priority priority) => priority switch
    {
        Priority.Critical => Proto.Priority.Critical,
        Priority.High => Proto.Priority.High,
        Priority.Normal => Proto.Priority.Normal,
        Priority.Bulk => Proto.Priority.Bulk,
        _ => Proto.Priority.Unspecified,
    };
}
