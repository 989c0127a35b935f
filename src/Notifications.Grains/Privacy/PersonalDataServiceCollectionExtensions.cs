using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains.Privacy;

namespace Microsoft.Extensions.DependencyInjection;

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="PiiProtector"/> every store seals personal data with, keyed by <c>Security:Pii</c>. Storage
    /// providers call this themselves; calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(PiiProtector)))
        {
            return services;
        }
        services.AddOptions<PiiOptions>().Bind(configuration.GetSection(PiiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiiOptions>, PiiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PiiKeyRing>();
        services.AddSingleton(sp => new PiiProtector(sp.GetRequiredService<PiiKeyRing>()));
        return services;
    }
}
