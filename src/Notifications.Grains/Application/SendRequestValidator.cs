using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Grains.Hosting;

namespace Notifications.Application;

/// <summary>Checks a send request and resolves it against its type into the command the user's grain will run.</summary>
internal sealed class SendRequestValidator(ITemplateService templates, SiloOptions options)
{
    public const int MaxIdLength = 128;
    public const int MaxKeyLength = 256;
    public const int MaxDataEntries = 64;
    public const int MaxDataBytes = 16 * 1024;
    public const int MaxTitleLength = 512;
    public const int MaxBodyLength = 8 * 1024;
    public const string DefaultCategory = "general";
    private static readonly TimeSpan MaxDigestWindow = TimeSpan.FromDays(7);

    /// <param name="prefix">Prepended to field names, e.g. "notifications[3]." for batch items.</param>
    public NotifyCommand Resolve(SendNotificationRequest? request, Guid id, DateTimeOffset now, string prefix = "")
    {
        if (request is null)
        {
            throw Fail(prefix.TrimEnd('.'), "a notification is required.", "body");
        }
        RequireId(request.UserId, prefix + "userId");
        if (request.Type is null == request.Content is null)
        {
            throw Fail(prefix + "type", "exactly one of type and content is required.");
        }
        string category;
        Priority priority;
        IReadOnlyList<ChannelKind> channels;
        string? webhookUrl = options.Delivery.DefaultWebhookUrl;
        IReadOnlyList<string> typeTags = [];
        if (request.Type is not null)
        {
            var type = templates.Get(request.Type) ?? throw Fail(prefix + "type", $"unknown notification type '{request.Type}'.");
            category = type.Category;
            priority = request.Priority ?? type.DefaultPriority;
            channels = request.Channels ?? type.Channels;
            webhookUrl = type.WebhookUrl ?? webhookUrl;
            typeTags = type.Tags;
        }
        else
        {
            var content = request.Content!;
            if (string.IsNullOrWhiteSpace(content.Title) || content.Title.Length > MaxTitleLength)
            {
                throw Fail(prefix + "content.title", $"content.title is required and at most {MaxTitleLength} characters.");
            }
            if (content.Body is null || content.Body.Length > MaxBodyLength)
            {
                throw Fail(prefix + "content.body", $"content.body is required and at most {MaxBodyLength} characters.");
            }
            category = string.IsNullOrWhiteSpace(request.Category) ? DefaultCategory : request.Category;
            if (category.Length > 64)
            {
                throw Fail(prefix + "category", "category is at most 64 characters.");
            }
            priority = request.Priority ?? Priority.Normal;
            channels = request.Channels ?? [ChannelKind.InApp];
        }
        if (!Enum.IsDefined(priority))
        {
            throw Fail(prefix + "priority", "priority must be critical, high, normal or bulk.");
        }
        if (channels.Count == 0 || channels.Any(c => !Enum.IsDefined(c)))
        {
            throw Fail(prefix + "channels", "channels must name at least one of inApp, push, email, sms, webhook, whatsapp.");
        }
        if (channels.Contains(ChannelKind.Webhook) && webhookUrl is null)
        {
            throw Fail(prefix + "channels", "the webhook channel needs a target: a type with webhookUrl, or Silo:Delivery:DefaultWebhookUrl.");
        }
        var data = request.Data ?? [];
        if (data.Count > MaxDataEntries || data.Sum(kv => kv.Key.Length + (kv.Value?.Length ?? 0)) > MaxDataBytes)
        {
            throw Fail(prefix + "data", $"data holds at most {MaxDataEntries} entries and {MaxDataBytes} characters.");
        }
        if (data.Any(kv => kv.Value is null))
        {
            throw Fail(prefix + "data", "data values must be strings, not null.");
        }
        if (request.IdempotencyKey is { } key && (key.Length == 0 || key.Length > MaxKeyLength))
        {
            throw Fail(prefix + "idempotencyKey", $"idempotencyKey must be 1-{MaxKeyLength} characters.");
        }
        if (request.DigestKey is { } digestKey && (digestKey.Length == 0 || digestKey.Length > MaxKeyLength))
        {
            throw Fail(prefix + "digestKey", $"digestKey must be 1-{MaxKeyLength} characters.");
        }
        TimeSpan? window = null;
        if (request.DigestWindowSeconds is { } seconds)
        {
            window = TimeSpan.FromSeconds(seconds);
            if (seconds < 1 || window > MaxDigestWindow)
            {
                throw Fail(prefix + "digestWindowSeconds", "digestWindowSeconds must be between 1 and 604800 (7 days).");
            }
            if (request.DigestKey is null)
            {
                throw Fail(prefix + "digestWindowSeconds", "digestWindowSeconds needs a digestKey.");
            }
        }
        var tags = InboxLabels.Tags(request.Tags, typeTags, prefix + "tags");
        var actions = InboxLabels.Actions(request.Actions, prefix + "actions");
        return new NotifyCommand
        {
            NotificationId = id,
            UserId = request.UserId!,
            Type = request.Type,
            Category = category,
            Critical = options.EffectiveCriticalCategories.Contains(category, StringComparer.Ordinal),
            Priority = priority,
            Content = request.Content,
            Data = data,
            Channels = channels,
            DigestKey = request.DigestKey,
            DigestWindow = window,
            AcceptedAt = now,
            WebhookUrl = channels.Contains(ChannelKind.Webhook) ? webhookUrl : null,
            IdempotencyKey = request.IdempotencyKey,
            Tags = tags,
            Actions = actions,
        };
    }

    public static void RequireId(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength || value.Any(char.IsControl) || value.Contains('/'))
        {
            throw Fail(field, $"{field} is required: 1-{MaxIdLength} printable characters without '/'.");
        }
    }

    private static ValidationFailedException Fail(string field, string message, string? fallbackField = null) =>
        new(string.IsNullOrEmpty(field) ? fallbackField ?? "body" : field, message);
}
