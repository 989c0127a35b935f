using System.Text.Json;
using Orleans.Storage;

namespace Notifications.Storage.Sqlite.GrainStorage;

/// <summary>Grain state as UTF-8 JSON with the API's options: the same names and enum spellings the API shows.</summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, NotificationJson.Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, NotificationJson.Options);
}
