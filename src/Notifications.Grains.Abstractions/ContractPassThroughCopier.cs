using Orleans.Serialization.Cloning;

namespace Notifications.Grains;

/// <summary>Our contracts are not mutated after they are built, so a call within the silo may share them.</summary>
internal sealed class ContractPassThroughCopier : IGeneralizedCopier
{
    public bool IsSupportedType(Type type) => ContractSerialization.IsContract(type) && !type.IsAbstract;

    public object? DeepCopy(object? input, CopyContext context) => input;
}
