using System.Net;
using StackExchange.Redis;

namespace NotificationSilo;

/// <summary>
/// The Cluster:* choices that decide which services the silo registers, so they are read and checked while the host
/// is built. With any <see cref="Failures"/> the silo registers no provider (so nothing connects) and fails its start
/// with every bad setting named.
/// </summary>
internal sealed record ClusterSettings(ConfigurationOptions? Redis, bool RemindersOnRedis, IPAddress? AdvertisedAddress, IReadOnlyList<string> Failures)
{
    public const string ProviderKey = "Cluster:Provider";
    public const string RedisConnectionStringKey = "Cluster:Redis:ConnectionString";
    public const string RemindersKey = "Cluster:Reminders";
    public const string AdvertisedAddressKey = "Cluster:AdvertisedIPAddress";

    public const string Localhost = "Localhost";
    public const string RedisProvider = "Redis";
    /// <summary>Reminders in the storage provider's own table (SQLite, later PostgreSQL).</summary>
    public const string StorageReminders = "Storage";

    public static ClusterSettings Read(IConfiguration configuration)
    {
        var failures = new List<string>();
        var provider = configuration[ProviderKey];
        var onRedis = string.Equals(provider, RedisProvider, StringComparison.OrdinalIgnoreCase);
        if (!onRedis && !string.IsNullOrWhiteSpace(provider) && !string.Equals(provider, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{ProviderKey} is '{provider}'; it must be {Localhost} (the default, one silo) or {RedisProvider}.");
        }

        ConfigurationOptions? redis = null;
        if (onRedis)
        {
            redis = ParseRedis(configuration[RedisConnectionStringKey], failures);
        }

        var reminders = configuration[RemindersKey];
        var remindersOnRedis = onRedis;
        if (string.Equals(reminders, RedisProvider, StringComparison.OrdinalIgnoreCase))
        {
            remindersOnRedis = true;
            if (!onRedis)
            {
                failures.Add($"{RemindersKey} is '{reminders}', which needs {ProviderKey}={RedisProvider} (its connection string is the cluster's).");
            }
        }
        else if (string.Equals(reminders, StorageReminders, StringComparison.OrdinalIgnoreCase))
        {
            remindersOnRedis = false;
        }
        else if (!string.IsNullOrWhiteSpace(reminders))
        {
            failures.Add($"{RemindersKey} is '{reminders}'; it must be {RedisProvider} or {StorageReminders} (default: {RedisProvider} when {ProviderKey} is {RedisProvider}).");
        }

        IPAddress? advertised = null;
        if (configuration[AdvertisedAddressKey] is { Length: > 0 } text && !IPAddress.TryParse(text, out advertised))
        {
            failures.Add($"{AdvertisedAddressKey} is '{text}'; it must be an IP address the other silos can reach (empty = this host's first address).");
        }

        return failures.Count > 0
            ? new ClusterSettings(null, false, null, failures)
            : new ClusterSettings(redis, remindersOnRedis, advertised, []);
    }

    /// <summary>True when reminders live in Redis, so the storage provider must not register its own reminder table.</summary>
    public static bool UsesRedisReminders(IConfiguration configuration) => Read(configuration).RemindersOnRedis;

    private static ConfigurationOptions? ParseRedis(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{RedisConnectionStringKey} is empty; {ProviderKey}={RedisProvider} needs it (for example redis:6379).");
            return null;
        }
        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            if (options.EndPoints.Count == 0)
            {
                failures.Add($"{RedisConnectionStringKey} names no server; give host:port (for example redis:6379).");
                return null;
            }
            // A silo started before Redis keeps retrying instead of failing its first connect.
            options.AbortOnConnectFail = false;
            return options;
        }
        catch (ArgumentException exception)
        {
            // The message quotes the offending option, not the whole string, which may hold a password.
            failures.Add($"{RedisConnectionStringKey} is not a Redis connection string: {exception.Message}");
            return null;
        }
    }
}
