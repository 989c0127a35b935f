namespace Notifications.Grains.Templates;

internal static class LocaleFallback
{
    /// <summary>"zh-Hant-TW" → zh-Hant-TW, zh-Hant, zh, then null (the default template).</summary>
    public static IEnumerable<string?> Chain(string? locale)
    {
        var current = locale;
        while (!string.IsNullOrEmpty(current))
        {
            yield return current;
            var cut = current.LastIndexOf('-');
            current = cut > 0 ? current[..cut] : null;
        }
        yield return null;
    }
}
