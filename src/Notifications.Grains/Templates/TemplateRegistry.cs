using System.Collections.Concurrent;
using System.Text.Json;
using HandlebarsDotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Users;
using Notifications.Model;
using Notifications.Application;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Templates;

/// <summary>
/// The notification types this silo knows, compiled and cached in memory. Serves the template API and
/// renders content for grains; the store is the system of record. A change made here is announced to the
/// templates' <see cref="ICatalogVersionGrain"/>, which has every other silo's cache reload before the change is
/// answered, so a send through any silo renders it at once; <see cref="TemplateCacheRefresher"/> keeps this cache
/// following the grain and reloads it when a version went by unpushed (the grain moved, or a push timed out).
/// </summary>
internal sealed class TemplateRegistry(
    ITemplateStore store, IEnumerable<ITemplateRule> rules, IGrainFactory grains, IOptions<SiloOptions> options, TimeProvider time, ILogger<TemplateRegistry> logger)
    : ITemplateService, IContentRenderer, ICatalogObserver
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly Lock _referenceGate = new();
    private ICatalogObserver? _reference;
    private ConcurrentDictionary<string, CompiledType> _types = new(StringComparer.Ordinal);
    /// <summary>The catalog version this cache is known to hold; null until the first refresh.</summary>
    private CatalogVersion? _version;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _types = await ReadStoreAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.TemplateSeedDirectory is { Length: > 0 } directory)
        {
            await SeedAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reloads every type from the store unless the cache already holds <paramref name="current"/>.</summary>
    public async Task RefreshAsync(CatalogVersion current, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current == Volatile.Read(ref _version))
            {
                return;
            }
            _types = await ReadStoreAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _version, current);
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task<ConcurrentDictionary<string, CompiledType>> ReadStoreAsync(CancellationToken cancellationToken)
    {
        var types = new ConcurrentDictionary<string, CompiledType>(StringComparer.Ordinal);
        foreach (var definition in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                types[definition.Type] = TemplateCompiler.Compile(definition);
            }
            catch (ValidationFailedException exception)
            {
                logger.LogError("Stored notification type {Type} no longer compiles ({Field}: {Message}); it is ignored.", definition.Type, exception.Field, exception.Message);
            }
        }
        return types;
    }

    /// <summary>
    /// Tells the other silos that the store changed. When nobody else changed the catalog since this cache's version,
    /// the new version is this cache's; otherwise the next refresh reloads, taking the others' changes too.
    /// </summary>
    /// <summary>This cache as the catalog grain's follower; one reference for the silo's lifetime.</summary>
    public ICatalogObserver Reference
    {
        get
        {
            lock (_referenceGate)
            {
                return _reference ??= grains.CreateObjectReference<ICatalogObserver>(this);
            }
        }
    }

    Task ICatalogObserver.ChangedAsync(CatalogVersion version) => RefreshAsync(version, CancellationToken.None);

    private async Task AnnounceAsync()
    {
        var next = await grains.GetGrain<ICatalogVersionGrain>(ICatalogVersionGrain.Templates).ChangedAsync(Reference).ConfigureAwait(false);
        var seen = Volatile.Read(ref _version);
        if (seen is not null && seen.Epoch == next.Epoch && seen.Counter + 1 == next.Counter)
        {
            Interlocked.CompareExchange(ref _version, next, seen);
        }
    }

    private async Task SeedAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            NotificationTypeDefinition? definition;
            try
            {
                definition = JsonSerializer.Deserialize<NotificationTypeDefinition>(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), NotificationJson.Options);
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException($"Template seed file '{file}' is not a valid notification type definition: {exception.Message}", exception);
            }
            if (definition is null || _types.ContainsKey(definition.Type))
            {
                continue;
            }
            try
            {
                // Not announced: the silo is not active yet, and every silo seeds what the store lacks at its start.
                await StoreAsync(definition, cancellationToken).ConfigureAwait(false);
            }
            catch (ValidationFailedException exception)
            {
                throw new InvalidOperationException($"Template seed file '{file}' is invalid: {exception.Field}: {exception.Message}", exception);
            }
            logger.LogInformation("Seeded notification type {Type} from {File}.", definition.Type, file);
        }
    }

    public IReadOnlyList<NotificationTypeDefinition> List() =>
        _types.Values.Select(t => t.Definition).OrderBy(d => d.Type, StringComparer.Ordinal).ToList();

    public NotificationTypeDefinition? Get(string type) => _types.TryGetValue(type, out var compiled) ? compiled.Definition : null;

    public async Task<NotificationTypeDefinition> UpsertAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken)
    {
        // Under the reload lock: a reload reading the store before this write must not replace the cache after it.
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await StoreAsync(definition, cancellationToken).ConfigureAwait(false);
            await AnnounceAsync().ConfigureAwait(false);
            return stored;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task<NotificationTypeDefinition> StoreAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var stamped = definition with { UpdatedAt = time.GetUtcNow() };
        var compiled = TemplateCompiler.Compile(stamped);
        foreach (var rule in rules)
        {
            rule.Check(stamped);
        }
        await store.UpsertAsync(stamped, cancellationToken).ConfigureAwait(false);
        _types[stamped.Type] = compiled;
        return stamped;
    }

    public async Task<bool> DeleteAsync(string type, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await store.DeleteAsync(type, cancellationToken).ConfigureAwait(false);
            _types.TryRemove(type, out _);
            if (deleted)
            {
                await AnnounceAsync().ConfigureAwait(false);
            }
            return deleted;
        }
        finally
        {
            _reload.Release();
        }
    }

    public RenderedContent Render(string? type, string category, ChannelKind channel, string? locale, InlineContent? inline, IReadOnlyDictionary<string, string> data)
    {
        if (inline is not null)
        {
            return new RenderedContent(inline.Title, inline.Body, null, category, type, data);
        }
        if (type is null || !_types.TryGetValue(type, out var compiled) || compiled.Find(channel, locale) is not { } template)
        {
            // The type was deleted after the notification was accepted: deliver what we know rather than nothing.
            return new RenderedContent(type ?? category, "", null, category, type, data);
        }
        try
        {
            var (title, body, html) = template.Render(channel == ChannelKind.Email ? WithSendTimePlaceholders(data) : data);
            return new RenderedContent(title, body, html, category, type, data)
            {
                ContentSid = template.Source.ContentSid,
                ContentVariables = template.RenderContentVariables(data),
            };
        }
        catch (HandlebarsException exception)
        {
            logger.LogWarning(exception, "Template {Type}/{Channel}/{Locale} failed to render.", type, channel, template.Source.Locale);
            return new RenderedContent(template.Source.Title, template.Source.Body, null, category, type, data);
        }
    }

    /// <summary>The email sender fills these in; a producer's data cannot set them.</summary>
    private static Dictionary<string, string> WithSendTimePlaceholders(IReadOnlyDictionary<string, string> data) =>
        new(data, StringComparer.Ordinal) { [EmailPlaceholders.UnsubscribeUrl] = EmailPlaceholders.UnsubscribeUrlMarker };
}
