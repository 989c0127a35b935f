using System.Globalization;

namespace NotificationSilo;

/// <summary>
/// Reads typed settings while the host is built, collecting a failure that names the key and the bad value instead of
/// throwing, so the silo can refuse to start with every mistake listed. Absent or empty means the default.
/// </summary>
internal sealed class SettingReader(IConfiguration configuration, List<string> failures)
{
    public List<string> Failures => failures;

    public string? Text(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public int Int(string key, int defaultValue, int min, int max)
    {
        if (Text(key) is not { } text)
        {
            return defaultValue;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        failures.Add($"{key} is '{text}'; it must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return defaultValue;
    }

    public int? OptionalInt(string key, int min, int max) => Text(key) is null ? null : Int(key, min, min, max);

    public TimeSpan Duration(string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        if (Text(key) is not { } text)
        {
            return defaultValue;
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        failures.Add($"{key} is '{text}'; it must be a duration from {min.ToString("c", CultureInfo.InvariantCulture)} to {max.ToString("c", CultureInfo.InvariantCulture)} (hh:mm:ss).");
        return defaultValue;
    }

    public bool Bool(string key, bool defaultValue)
    {
        if (Text(key) is not { } text)
        {
            return defaultValue;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        failures.Add($"{key} is '{text}'; it must be true or false.");
        return defaultValue;
    }
}
