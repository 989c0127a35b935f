namespace Notifications.Grains.WhatsApp;

[GrainType(GrainTypeName)]
internal sealed class WhatsAppNumberGrain(
    [PersistentState("number", GrainStorageNames.Users)] IPersistentState<WhatsAppNumberState> storage) : Grain, IWhatsAppNumberGrain
{
    /// <summary>Part of every stored grain id: fixed, so renaming the class cannot orphan stored state.</summary>
    public const string GrainTypeName = "whatsapp-number";

    public async Task LinkAsync(string userId)
    {
        if (!storage.State.Users.Contains(userId))
        {
            storage.State.Users.Add(userId);
            await storage.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public async Task UnlinkAsync(string userId)
    {
        if (storage.State.Users.Remove(userId))
        {
            await storage.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public Task<IReadOnlyList<string>> GetUsersAsync() => Task.FromResult<IReadOnlyList<string>>([.. storage.State.Users]);
}
