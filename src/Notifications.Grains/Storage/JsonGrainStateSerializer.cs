using System.Text.Json;
using Orleans.Storage;

namespace Notifications.Grains.Storage;

/// <summary>Grain state as UTF-8 JSON with the API's options: the same names and enum spellings the API shows, in any of our stores.</summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, NotificationJson.Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, NotificationJson.Options);
}
