using System.Text.Json;
using Orleans.Storage;

namespace Notifications.Grains.Storage;

/// <summary>
/// Grain state as UTF-8 JSON with the API's options: the same names and enum spellings the API shows. Every grain-state
/// provider uses it, so stored state names no .NET type (Orleans' default Newtonsoft format writes assembly-qualified
/// <c>$type</c>s, which even a compiler-generated collection type breaks).
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, NotificationJson.Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, NotificationJson.Options);
}
