using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Notifications.Grains.Privacy;

/// <summary>The configured keys, or the key file's (generated on first start when there is none yet).</summary>
internal sealed partial class PiiKeyRing
{
    public const int KeyBytes = 32;

    public PiiKeyRing(IOptions<PiiOptions> options, TimeProvider time)
    {
        var configured = options.Value;
        var source = configured.Keys.Count > 0 ? configured : LoadOrCreate(configured.KeyFile!, time);
        Keys = source.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = source.CurrentKey!;
        IndexKey = Convert.FromBase64String(source.IndexKey!);
    }

    public IReadOnlyDictionary<string, byte[]> Keys { get; }

    public string CurrentKeyId { get; }

    public byte[] IndexKey { get; }

    public static bool IsValidKeyId(string id) => KeyIdPattern().IsMatch(id);

    /// <summary>The decoded length of a base64 key; -1 when it is missing or not base64.</summary>
    public static int KeyLength(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return -1;
        }
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }

    private static PiiOptions LoadOrCreate(string path, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var id = "k" + time.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var generated = new PiiOptions
            {
                CurrentKey = id,
                Keys = { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) },
                IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)),
            };
            // Written whole to a private file first, then put in place only if no ring is there yet: silos starting side
            // by side on one data directory must neither write different rings nor read a half-written one.
            var staging = $"{full}.{Guid.NewGuid():N}.tmp";
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(staging, create))
            {
                JsonSerializer.Serialize(file, new KeyFile(generated.CurrentKey, generated.Keys, generated.IndexKey), KeyFileJson);
                file.Flush(flushToDisk: true);
            }
            // Whoever loses reads the ring the winner put in place.
            ExclusiveFile.TryPublish(staging, full);
        }
        var stored = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(full), KeyFileJson)
            ?? throw new InvalidOperationException($"The key file '{full}' ({PiiOptions.Section}:KeyFile) is empty.");
        var options = new PiiOptions { CurrentKey = stored.CurrentKey, Keys = new(stored.Keys ?? [], StringComparer.Ordinal), IndexKey = stored.IndexKey };
        var problems = new PiiOptionsValidator().Validate(null, options);
        return problems.Failed
            ? throw new InvalidOperationException($"The key file '{full}' ({PiiOptions.Section}:KeyFile) is not a valid key ring: {problems.FailureMessage}")
            : options;
    }

    private static readonly JsonSerializerOptions KeyFileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record KeyFile(string? CurrentKey, Dictionary<string, string>? Keys, string? IndexKey);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
