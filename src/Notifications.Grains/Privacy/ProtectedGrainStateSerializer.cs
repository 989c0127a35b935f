using Orleans.Storage;

namespace Notifications.Grains.Privacy;

/// <summary>
/// Seals whole grain states: a user's state holds their addresses, numbers and device tokens (and the delivery
/// jobs of pending turns), and sealing the blob covers every field without the domain knowing. Any grain storage
/// provider that takes an <see cref="IGrainStorageSerializer"/> gets it, so the rule holds whichever holds state.
/// </summary>
internal sealed class ProtectedGrainStateSerializer(IGrainStorageSerializer inner, PiiProtector protector) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(protector.Protect(inner.Serialize(input).ToMemory().Span));

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(new BinaryData(protector.Unprotect(input.ToMemory())));
}
