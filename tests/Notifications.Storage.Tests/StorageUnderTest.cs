using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests;

/// <summary>A provider's storage ports over one fresh database, as the conformance suite sees them.</summary>
public sealed class StorageUnderTest(ServiceProvider services) : IAsyncDisposable
{
    public ICommandLog Log => services.GetRequiredService<ICommandLog>();
    public IPartitionStore Partitions => services.GetRequiredService<IPartitionStore>();
    public IInboxStore Inbox => services.GetRequiredService<IInboxStore>();
    public INotificationStore Notifications => services.GetRequiredService<INotificationStore>();
    public IDeliveryStore Deliveries => services.GetRequiredService<IDeliveryStore>();
    public ITemplateStore Templates => services.GetRequiredService<ITemplateStore>();
    public IApiKeyStore ApiKeys => services.GetRequiredService<IApiKeyStore>();
    public ISettingsStore Settings => services.GetRequiredService<ISettingsStore>();

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
