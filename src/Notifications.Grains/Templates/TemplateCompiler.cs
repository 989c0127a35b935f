using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Notifications.Model;
using Notifications.Application;

namespace Notifications.Grains.Templates;

/// <summary>Validates a type definition and compiles its templates; the first problem is reported with its field.</summary>
internal static partial class TemplateCompiler
{
    // Push, SMS and in-app text is not HTML: escaping would show "&amp;" to users. Only the email HTML part escapes.
    private static readonly IHandlebars Text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private static readonly IHandlebars Html = Handlebars.Create(new HandlebarsConfiguration());

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex CategoryName();

    // Handlebars.Net accepts "{{#if}}" and renders it as if the condition were false; an author always meant something.
    [GeneratedRegex(@"\{\{~?#(if|unless|each|with)\s*~?\}\}")]
    private static partial Regex BlockWithoutArgument();

    public static CompiledType Compile(NotificationTypeDefinition definition)
    {
        if (string.IsNullOrEmpty(definition.Type) || !TypeName().IsMatch(definition.Type))
        {
            throw new ValidationFailedException("type", "type must be 1-100 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.");
        }
        if (string.IsNullOrEmpty(definition.Category) || !CategoryName().IsMatch(definition.Category))
        {
            throw new ValidationFailedException("category", "category must be 1-64 characters of a-z, 0-9, '_' or '-'.");
        }
        if (definition.Channels is null || definition.Channels.Count == 0 || definition.Channels.Any(c => !Enum.IsDefined(c)))
        {
            throw new ValidationFailedException("channels", "channels must name at least one channel (inApp, push, email, sms, webhook, whatsapp).");
        }
        // The same limits as a send request's tags: the merged list stays within what the inbox filters by.
        if (definition.Tags is null || definition.Tags.Count > InboxLabels.MaxTags || definition.Tags.Any(t => !InboxLabels.IsTag(t)))
        {
            throw new ValidationFailedException("tags", $"tags holds at most {InboxLabels.MaxTags} tags, each 1-{InboxLabels.MaxTagLength} characters of a-z, 0-9, '_', '.', ':' and '-'.");
        }
        if (definition.WebhookUrl is { } webhookUrl && !Delivery.WebhookUrls.IsValid(webhookUrl))
        {
            throw new ValidationFailedException("webhookUrl", $"webhookUrl must be an absolute http(s) URL of at most {Delivery.WebhookUrls.MaxLength} characters without credentials.");
        }
        if (definition.Templates is null || definition.Templates.Count == 0)
        {
            throw new ValidationFailedException("templates", "templates must hold at least one template.");
        }
        var compiled = new List<CompiledTemplate>();
        var seen = new HashSet<(ChannelKind, string)>();
        for (var i = 0; i < definition.Templates.Count; i++)
        {
            var template = definition.Templates[i];
            var field = $"templates[{i}]";
            if (template is null)
            {
                throw new ValidationFailedException(field, $"{field} is null.");
            }
            if (template.Locale is { } locale && !IsKnownLocale(locale))
            {
                throw new ValidationFailedException($"{field}.locale", $"'{locale}' is not a known BCP 47 locale.");
            }
            if (!seen.Add((template.Channel, template.Locale?.ToLowerInvariant() ?? "")))
            {
                throw new ValidationFailedException(field, $"{field} repeats channel {template.Channel} and locale '{template.Locale ?? "default"}'.");
            }
            var title = CompilePart(Text, template.Title, $"{field}.title");
            var body = CompilePart(Text, template.Body, $"{field}.body");
            var html = template.Html is null ? null : CompilePart(Html, template.Html, $"{field}.html");
            compiled.Add(new CompiledTemplate(template, title, body, html, CompileContent(template, field)));
        }
        return new CompiledType(definition, compiled);
    }

    /// <summary>A WhatsApp template's approved content: its SID and its variables, compiled like the text parts.</summary>
    private static Dictionary<string, HandlebarsTemplate<object, object>>? CompileContent(NotificationTemplate template, string field)
    {
        if (template.ContentSid is null && template.ContentVariables is null)
        {
            return null;
        }
        if (template.Channel != ChannelKind.WhatsApp)
        {
            throw new ValidationFailedException($"{field}.contentSid", $"{field}: contentSid and contentVariables belong to whatsapp templates only, not {template.Channel}.");
        }
        if (template.ContentSid is not { } sid || !ContentSidPattern().IsMatch(sid))
        {
            throw new ValidationFailedException($"{field}.contentSid", $"{field}.contentSid must be a Twilio content SID (HX followed by 32 hex digits), not '{template.ContentSid}'.");
        }
        var variables = new Dictionary<string, HandlebarsTemplate<object, object>>(StringComparer.Ordinal);
        foreach (var (name, source) in template.ContentVariables ?? new Dictionary<string, string>())
        {
            if (!ContentVariableName().IsMatch(name))
            {
                throw new ValidationFailedException($"{field}.contentVariables", $"{field}.contentVariables: '{name}' is not a content variable name (1-64 characters of a-z, A-Z, 0-9 and '_').");
            }
            variables[name] = CompilePart(Text, source, $"{field}.contentVariables.{name}");
        }
        return variables;
    }

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSidPattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex ContentVariableName();

    private static HandlebarsTemplate<object, object> CompilePart(IHandlebars environment, string? source, string field)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ValidationFailedException(field, $"{field} must not be empty.");
        }
        if (BlockWithoutArgument().Match(source) is { Success: true } block)
        {
            throw new ValidationFailedException(field, $"{field} is not a valid Handlebars template: '{block.Value}' needs an argument.");
        }
        try
        {
            var template = environment.Compile(source);
            // Some malformed templates only fail when run: try once with no data so upload refuses them too.
            template(new Dictionary<string, string>());
            return template;
        }
        catch (HandlebarsException exception)
        {
            throw new ValidationFailedException(field, $"{field} is not a valid Handlebars template: {exception.Message}");
        }
    }

    private static bool IsKnownLocale(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale, predefinedOnly: true) is not null;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
