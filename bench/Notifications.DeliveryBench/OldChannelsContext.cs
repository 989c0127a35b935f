using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Notifications.DeliveryBench;

/// <summary>
/// Another build of Notifications.Channels (the old System.Net.Mail sender, built from a separate checkout) loaded
/// beside this one, so both senders are measured in the same run. Everything else (contracts, DI) is shared with
/// this process, which works while the contracts the old senders use are unchanged.
/// </summary>
internal sealed class OldChannelsContext(string assemblyPath) : AssemblyLoadContext("old-channels", isCollectible: false)
{
    private readonly string _path = Path.GetFullPath(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == "Notifications.Channels" ? LoadFromAssemblyPath(_path) : null;

    /// <summary>The old build's AddNotificationChannels, called by reflection on this process's service collection.</summary>
    public IServiceCollection AddNotificationChannels(IServiceCollection services, IConfiguration configuration)
    {
        var extensions = LoadFromAssemblyName(new AssemblyName("Notifications.Channels"))
            .GetType("Microsoft.Extensions.DependencyInjection.ChannelServiceCollectionExtensions", throwOnError: true)!;
        return (IServiceCollection)extensions.GetMethod("AddNotificationChannels")!.Invoke(null, [services, configuration])!;
    }
}
