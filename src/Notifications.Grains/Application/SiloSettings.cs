using Notifications.Grains.Storage;

namespace Notifications.Application;

internal sealed class SiloSettings(ISettingsStore settings) : ISiloSettings
{
    public Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken) => settings.GetOrAddAsync(name, value, cancellationToken);
}
