using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationSilo;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ConfigurationFailuresServiceCollectionExtensions
{
    /// <summary>Fails the host's start with these messages (nothing when there are none).</summary>
    public static IServiceCollection AddConfigurationFailures(this IServiceCollection services, IReadOnlyList<string> failures)
    {
        if (failures.Count == 0)
        {
            return services;
        }
        services.AddOptions<ConfigurationFailures>().Configure(options => options.Failures.AddRange(failures)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfigurationFailures>, ConfigurationFailuresValidator>());
        return services;
    }
}
