using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests.Records;

/// <summary>A provider's record stores over one database, as the silo resolves them from its services.</summary>
public sealed class RecordStores(IServiceProvider services)
{
    public IEffectStore Effects { get; } = services.GetRequiredService<IEffectStore>();
    public IInboxStore Inbox { get; } = services.GetRequiredService<IInboxStore>();
    public INotificationStore Notifications { get; } = services.GetRequiredService<INotificationStore>();
    public IDeliveryStore Deliveries { get; } = services.GetRequiredService<IDeliveryStore>();
    public ITemplateStore Templates { get; } = services.GetRequiredService<ITemplateStore>();
    public IApiKeyStore ApiKeys { get; } = services.GetRequiredService<IApiKeyStore>();
    public ISettingsStore Settings { get; } = services.GetRequiredService<ISettingsStore>();
    public IUserDirectory Directory { get; } = services.GetRequiredService<IUserDirectory>();
    public ISegmentStore Segments { get; } = services.GetRequiredService<ISegmentStore>();
    public ICampaignStore Campaigns { get; } = services.GetRequiredService<ICampaignStore>();
}
