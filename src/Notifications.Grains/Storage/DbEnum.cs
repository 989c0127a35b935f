using System.Collections.Concurrent;
using System.Text.Json;

namespace Notifications.Grains.Storage;

/// <summary>Enums are stored by their API name (camelCase), so every database of ours reads like the API.</summary>
public static class DbEnum
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string Name<T>(T value) where T : struct, Enum =>
        Names.GetOrAdd(value, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    public static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, ignoreCase: true);
}
