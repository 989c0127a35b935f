namespace Notifications.StorageBench;

/// <summary>A user grain's state of about 1 KB as JSON: profile fields, preferences, devices, a counter.</summary>
internal sealed class BenchState
{
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
    public string TimeZone { get; set; } = "Europe/Berlin";
    public long Turn { get; set; }
    public Dictionary<string, string> Preferences { get; set; } = [];
    public List<string> Devices { get; set; } = [];

    public static BenchState For(int user) => new()
    {
        UserId = $"user-{user}",
        Email = $"user-{user}@example.com",
        Preferences = Enumerable.Range(0, 12).ToDictionary(i => $"category-{i}", i => i % 3 == 0 ? "digest" : "immediate"),
        Devices = [.. Enumerable.Range(0, 3).Select(i => $"device-{i}-{new string((char)('a' + (user + i) % 26), 190)}")],
    };
}
