using Notifications.Application;
using Notifications.Model;

namespace Notifications.Storage.Tests.Records;

/// <summary>The small stores: notification types with their templates, API keys, silo-wide settings.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task A_template_upsert_replaces_the_types_definition_and_delete_removes_it_once()
    {
        var definition = new NotificationTypeDefinition
        {
            Type = "post.liked",
            Category = "social",
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "t", Body = "{{actors}}" }],
            UpdatedAt = T0,
        };
        await Store.Templates.UpsertAsync(definition, default);
        await Store.Templates.UpsertAsync(definition with { Category = "social2" }, default);
        await Store.Templates.UpsertAsync(definition with { Type = "comment.added" }, default);
        await ReopenAsync();

        var listed = await Store.Templates.ListAsync(default);
        Assert.Equal(["comment.added", "post.liked"], listed.Select(d => d.Type));
        var liked = listed.Single(d => d.Type == "post.liked");
        Assert.Equal("social2", liked.Category);
        Assert.Equal("{{actors}}", Assert.Single(liked.Templates).Body);
        Assert.True(await Store.Templates.DeleteAsync("post.liked", default));
        Assert.False(await Store.Templates.DeleteAsync("post.liked", default));
        Assert.Equal(["comment.added"], (await Store.Templates.ListAsync(default)).Select(d => d.Type));
    }

    [Fact]
    public async Task Api_keys_are_found_by_secret_hash_listed_in_creation_order_and_revoked_once()
    {
        await Store.ApiKeys.AddAsync(new ApiKeyRecord("k1", "ci", "hash-1", ["send", "manage"], T0, null), default);
        await Store.ApiKeys.AddAsync(new ApiKeyRecord("k2", "ops", "hash-2", ["manage"], T0.AddMinutes(1), null), default);

        var found = await Store.ApiKeys.FindByHashAsync("hash-1", default);
        Assert.NotNull(found);
        Assert.Equal("k1", found.Id);
        Assert.Equal(["send", "manage"], found.Scopes);
        Assert.Null(found.RevokedAt);
        Assert.Null(await Store.ApiKeys.FindByHashAsync("hash-unknown", default));
        Assert.Equal(["k1", "k2"], (await Store.ApiKeys.ListAsync(default)).Select(k => k.Id));

        // Revoking twice keeps the first revocation time.
        Assert.True(await Store.ApiKeys.RevokeAsync("k1", T0, default));
        Assert.True(await Store.ApiKeys.RevokeAsync("k1", T0.AddHours(1), default));
        Assert.Equal(T0, (await Store.ApiKeys.FindByHashAsync("hash-1", default))!.RevokedAt);
        Assert.Null((await Store.ApiKeys.FindByHashAsync("hash-2", default))!.RevokedAt);
        Assert.False(await Store.ApiKeys.RevokeAsync("nope", T0, default));
    }

    [Fact]
    public async Task A_setting_keeps_its_first_value_even_when_silos_race_to_add_it()
    {
        Assert.Equal("first", await Store.Settings.GetOrAddAsync("signing-key", "first", default));
        Assert.Equal("first", await Store.Settings.GetOrAddAsync("signing-key", "second", default));

        var raced = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.Settings.GetOrAddAsync("race", $"value-{i}", default))));

        Assert.Single(raced.Distinct());
        Assert.Equal(raced[0], await Store.Settings.GetOrAddAsync("race", "late", default));
    }
}
