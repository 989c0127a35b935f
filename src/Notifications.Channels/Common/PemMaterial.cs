namespace Notifications.Channels.Common;

/// <summary>Key material given inline or as a file path; inline wins.</summary>
internal static class PemMaterial
{
    public static string? Load(string? inline, string? path, out string? error, bool unescapeNewlines = false)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(inline))
        {
            // A PEM squeezed into one environment variable often arrives with literal \n sequences.
            return unescapeNewlines ? inline.Replace("\\n", "\n", StringComparison.Ordinal) : inline;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read '{path}': {exception.Message}";
            return null;
        }
    }
}
