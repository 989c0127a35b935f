namespace Notifications.Storage.Tests.Records;

public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Data_protection_keys_are_listed_in_the_order_added_keep_their_first_element_and_survive_a_reopen()
    {
        Assert.Empty(await Store.DataProtectionKeys.ListAsync(default));
        await Store.DataProtectionKeys.AddAsync("key-b", "<key id=\"b\" />", default);
        await Store.DataProtectionKeys.AddAsync("key-a", "<key id=\"a\" />", default);
        await Store.DataProtectionKeys.AddAsync("key-b", "<key id=\"b-again\" />", default);
        // Settings of the same store are not keys, whatever their name.
        await Store.Settings.GetOrAddAsync("signing-key", "secret", default);

        await ReopenAsync();

        Assert.Equal(["<key id=\"b\" />", "<key id=\"a\" />"], await Store.DataProtectionKeys.ListAsync(default));
    }
}
