using Google.Protobuf.WellKnownTypes;
using Notifications.Api;
using Notifications.Model;
using Proto = Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Mapping;

/// <summary>The admin surface's messages to and from the DTOs the REST admin endpoints use.</summary>
internal static class AdminProtoMapper
{
    public static NotificationTypeDefinition ToDto(Proto.NotificationType type) => new()
    {
        Type = type.Type,
        Category = type.Category,
        DefaultPriority = ProtoRequestMapper.ToPriority(type.DefaultPriority, "definition.default_priority") ?? Priority.Normal,
        Channels = type.Channels.Count == 0
            ? [ChannelKind.InApp]
            : [.. type.Channels.Select((c, i) => ProtoRequestMapper.ToChannel(c, $"definition.channels[{i}]"))],
        Templates = [.. type.Templates.Select((t, i) => new NotificationTemplate
        {
            Channel = ProtoRequestMapper.ToChannel(t.Channel, $"definition.templates[{i}].channel"),
            Locale = t.HasLocale ? t.Locale : null,
            Title = t.Title,
            Body = t.Body,
            Html = t.HasHtml ? t.Html : null,
        })],
        WebhookUrl = type.HasWebhookUrl ? type.WebhookUrl : null,
        Tags = [.. type.Tags],
    };

    public static Proto.NotificationType ToProto(NotificationTypeDefinition definition)
    {
        var message = new Proto.NotificationType
        {
            Type = definition.Type,
            Category = definition.Category,
            DefaultPriority = ProtoResponseMapper.ToProto(definition.DefaultPriority),
            Channels = { definition.Channels.Select(ToProto) },
            Tags = { definition.Tags },
            UpdatedAt = Timestamp.FromDateTimeOffset(definition.UpdatedAt),
        };
        if (definition.WebhookUrl is not null)
        {
            message.WebhookUrl = definition.WebhookUrl;
        }

        foreach (var template in definition.Templates)
        {
            var item = new Proto.NotificationTemplate { Channel = ToProto(template.Channel), Title = template.Title, Body = template.Body };
            if (template.Locale is not null)
            {
                item.Locale = template.Locale;
            }

            if (template.Html is not null)
            {
                item.Html = template.Html;
            }

            message.Templates.Add(item);
        }

        return message;
    }

    public static Proto.ApiKey ToProto(ApiKeyView key)
    {
        var message = new Proto.ApiKey { Id = key.Id, Name = key.Name, Scopes = { key.Scopes }, CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt) };
        if (key.Key is not null)
        {
            message.Key = key.Key;
        }

        if (key.Quota is { } quota)
        {
            message.Quota = ToProto(quota);
        }

        return message;
    }

    public static Proto.ProducerQuota ToProto(ProducerQuota quota)
    {
        var message = new Proto.ProducerQuota();
        if (quota.RequestsPerSecond is { } rate)
        {
            message.RequestsPerSecond = rate;
        }

        if (quota.Burst is { } burst)
        {
            message.Burst = burst;
        }

        if (quota.RequestsPerDay is { } daily)
        {
            message.RequestsPerDay = daily;
        }

        return message;
    }

    /// <summary>Unset fields stay null, so the same validator as REST decides what is missing or wrong.</summary>
    public static ProducerQuota? ToDto(Proto.ProducerQuota? quota) => quota is null ? null : new ProducerQuota(
        quota.HasRequestsPerSecond ? quota.RequestsPerSecond : null,
        quota.HasBurst ? quota.Burst : null,
        quota.HasRequestsPerDay ? quota.RequestsPerDay : null);

    public static Proto.DeadLetterPage ToProto(DeadLetterPage page)
    {
        var message = new Proto.DeadLetterPage();
        if (page.NextCursor is not null)
        {
            message.NextCursor = page.NextCursor;
        }

        foreach (var letter in page.DeadLetters)
        {
            var item = new Proto.DeadLetter
            {
                Id = letter.Id,
                NotificationId = letter.NotificationId.ToString(),
                UserId = letter.UserId,
                Channel = ProtoResponseMapper.ToProto(letter.Channel),
                Target = letter.Target,
                Lane = ProtoResponseMapper.ToProto(letter.Lane),
                Attempts = letter.Attempts,
                DeadLetteredAt = Timestamp.FromDateTimeOffset(letter.DeadLetteredAt),
            };
            if (letter.Reason is not null)
            {
                item.Reason = letter.Reason;
            }

            message.DeadLetters.Add(item);
        }

        return message;
    }

    public static Proto.ReplayedDelivery ToProto(ReplayedDelivery replayed) => new()
    {
        Id = replayed.Id,
        NotificationId = replayed.NotificationId.ToString(),
        Channel = ProtoResponseMapper.ToProto(replayed.Channel),
        Lane = ProtoResponseMapper.ToProto(replayed.Lane),
    };

    public static Proto.Channel ToProto(ChannelKind channel) => channel switch
    {
        ChannelKind.InApp => Proto.Channel.InApp,
        ChannelKind.Push => Proto.Channel.Push,
        ChannelKind.Email => Proto.Channel.Email,
        ChannelKind.Sms => Proto.Channel.Sms,
        ChannelKind.Webhook => Proto.Channel.Webhook,
        ChannelKind.WhatsApp => Proto.Channel.Whatsapp,
        _ => Proto.Channel.Unspecified,
    };
}
