namespace Notifications.Grains;

/// <summary>
/// Receives one stream partition of one campaign's chunks (implicit subscription: no one subscribes it) and hands each
/// recipient to their user grain.
/// </summary>
public interface ICampaignChunkConsumerGrain : IGrainWithStringKey;
