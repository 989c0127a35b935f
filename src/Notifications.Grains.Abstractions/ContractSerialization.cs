using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Notifications.Grains;

/// <summary>
/// How grain calls carry this product's contracts: as JSON with the API's own options, so the contracts and the
/// domain stay free of Orleans attributes. They are immutable records by convention, so calls within a silo pass
/// them as they are instead of copying them.
/// </summary>
public static class ContractSerialization
{
    public static ISerializerBuilder AddNotificationContracts(this ISerializerBuilder serializer)
    {
        // Serialisable by the JSON codec; copied by nobody (the JSON codec would copy by serialising twice).
        serializer.AddJsonSerializer(isSerializable: IsContract, isCopyable: null, options => options.Configure(o => o.SerializerOptions = NotificationJson.Options));
        serializer.Services.AddSingleton<Orleans.Serialization.Cloning.IGeneralizedCopier, ContractPassThroughCopier>();
        return serializer;
    }

    internal static bool IsContract(Type type) =>
        type.Namespace is { } ns && (ns == "Notifications" || ns.StartsWith("Notifications.", StringComparison.Ordinal))
        && !typeof(IAddressable).IsAssignableFrom(type);
}
