namespace Notifications.Grains.Quotas;

/// <summary>
/// Counts one key's reserved requests per UTC day and persists the count before granting, so a silo that dies or a
/// grain that moves never hands out a day's quota twice. Reservations are batches, so this is not a per-request call.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class ProducerQuotaGrain(
    [PersistentState("quota", GrainStorageNames.Quotas)] IPersistentState<ProducerQuotaState> storage,
    TimeProvider time) : Grain, IProducerQuotaGrain
{
    /// <summary>Part of every stored grain id: fixed, so renaming the class cannot orphan stored counts.</summary>
    public const string GrainTypeName = "producer-quota";

    public async Task<int> ReserveAsync(long dailyLimit, int wanted)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var state = storage.State;
        if (state.Day != today)
        {
            state.Day = today;
            state.Reserved = 0;
        }
        var granted = (int)Math.Clamp(dailyLimit - state.Reserved, 0, Math.Max(wanted, 0));
        if (granted == 0)
        {
            return 0;
        }
        state.Reserved += granted;
        await storage.WriteStateAsync().ConfigureAwait(true);
        return granted;
    }
}
