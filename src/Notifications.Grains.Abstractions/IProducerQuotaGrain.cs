namespace Notifications.Grains;

/// <summary>One producer key's daily request count (its key is the API key id): the one authority every silo asks.</summary>
public interface IProducerQuotaGrain : IGrainWithStringKey
{
    /// <summary>Up to <paramref name="wanted"/> requests of today under <paramref name="dailyLimit"/>; 0 when none are left.</summary>
    Task<int> ReserveAsync(long dailyLimit, int wanted);
}
