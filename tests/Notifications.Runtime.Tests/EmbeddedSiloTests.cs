using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Model;
using Notifications.Runtime.Application;
using Notifications.Testing;

namespace Notifications.Runtime.Tests;

/// <summary>The runtime end to end on SQLite: accept → partition processor → grain → committed effects → timers.</summary>
public sealed class EmbeddedSiloTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly NotificationTypeDefinition Liked = new()
    {
        Type = "post.liked",
        Category = "social",
        Channels = [ChannelKind.InApp, ChannelKind.Email],
        Templates =
        [
            new NotificationTemplate { Channel = ChannelKind.InApp, Title = "New like", Body = "{{actors}} liked your post" },
            new NotificationTemplate { Channel = ChannelKind.InApp, Locale = "fr", Title = "Nouveau j'aime", Body = "{{actors}} a aimé votre publication" },
            new NotificationTemplate { Channel = ChannelKind.Email, Title = "Someone liked {{post}}", Body = "{{actors}} liked {{post}} & more", Html = "<p>{{actors}} &amp; {{post}}</p>" },
        ],
    };

    [Fact]
    public async Task Accepted_notification_reaches_the_inbox_and_unconfigured_channels_are_skipped_not_sent()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();
        await silo.Templates.UpsertAsync(Liked, default);
        await silo.Users.UpsertAsync("ada", new UserProfile { Email = "ada@example.com" }, default);

        var sent = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "ada", Type = "post.liked", Data = new() { ["actor"] = "Sara", ["post"] = "P<1>" } }, default);

        var page = await silo.WaitForInboxAsync("ada", 1, "the notification in ada's inbox");
        Assert.Equal("Sara liked your post", page.Notifications[0].Body);
        Assert.Equal(1, page.UnreadCount);
        var view = await Eventually.Until(() => silo.Notifications.GetAsync(sent.Id, default),
            v => v?.Deliveries.Any(d => d.Channel == DeliveryChannel.Email && d.Status == DeliveryStatus.Skipped) == true, "the email job to be skipped");
        Assert.Equal(NotificationStatus.Dispatched, view!.Status);
        var email = view.Deliveries.Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal("channel not configured", email.Reason);
        Assert.DoesNotContain(view.Deliveries, d => d.Status == DeliveryStatus.Sent);
    }

    [Fact]
    public async Task Templates_fall_back_from_regional_locale_to_language_to_default()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();
        await silo.Templates.UpsertAsync(Liked, default);
        await silo.Users.UpsertAsync("fr-ca", new UserProfile { Locale = "fr-CA" }, default);
        await silo.Users.UpsertAsync("de", new UserProfile { Locale = "de-DE" }, default);

        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "fr-ca", Type = "post.liked", Data = new() { ["actor"] = "Zoé" } }, default);
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "de", Type = "post.liked", Data = new() { ["actor"] = "Jörg" } }, default);

        Assert.Equal("Zoé a aimé votre publication", (await silo.WaitForInboxAsync("fr-ca", 1, "fr-CA inbox")).Notifications[0].Body);
        Assert.Equal("Jörg liked your post", (await silo.WaitForInboxAsync("de", 1, "de inbox")).Notifications[0].Body);
    }

    [Fact]
    public async Task Invalid_template_is_refused_with_its_field_and_nothing_is_stored()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();
        var broken = Liked with { Type = "broken", Templates = [Liked.Templates[0], Liked.Templates[1] with { Body = "{{#if actors}}unclosed" }] };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => silo.Templates.UpsertAsync(broken, default));

        Assert.Equal("templates[1].body", error.Field);
        var argumentless = Liked with { Type = "broken2", Templates = [Liked.Templates[0] with { Title = "before {{#if}}oops{{/if}}" }] };
        Assert.Equal("templates[0].title", (await Assert.ThrowsAsync<ValidationFailedException>(() => silo.Templates.UpsertAsync(argumentless, default))).Field);
        Assert.Null(silo.Templates.Get("broken"));
        await silo.StopAsync();
        await silo.StartAsync();
        Assert.Null(silo.Templates.Get("broken"));
    }

    [Fact]
    public async Task Idempotency_key_answers_the_first_id_and_sends_nothing_more()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();
        var request = new SendNotificationRequest { UserId = "bob", Content = new InlineContent("Order shipped", "#42"), IdempotencyKey = "order-42-shipped" };

        var first = await silo.Notifications.SendAsync(request, default);
        var again = await silo.Notifications.SendAsync(request, default);
        var batch = await silo.Notifications.SendBatchAsync([request, request with { IdempotencyKey = "other" }], default);

        Assert.Equal("accepted", first.Status);
        Assert.Equal(("duplicate", first.Id), (again.Status, again.Id));
        Assert.Equal(first.Id, batch.Results[0].Id);
        Assert.Equal("duplicate", batch.Results[0].Status);
        await silo.WaitForInboxAsync("bob", 2, "the two distinct notifications");
        var page = await silo.Inbox.ListAsync("bob", null, 100, default);
        Assert.Equal(2, page.Notifications.Count);
    }

    [Fact]
    public async Task Digest_timer_pending_across_a_restart_fires_exactly_once()
    {
        var time = new ManualTimeProvider(Noon);
        await using var silo = new SiloHarness(time);
        await silo.StartAsync();
        await silo.Templates.UpsertAsync(Liked, default);
        foreach (var actor in new[] { "Ahmed", "Sara", "Lee", "Kim", "Ana", "Bo", "Cy" })
        {
            await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "eve", Type = "post.liked", DigestKey = "post:1", DigestWindowSeconds = 600, Data = new() { ["actor"] = actor } }, default);
        }
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "eve", Type = "post.liked", DigestKey = "post:2", DigestWindowSeconds = 600, Data = new() { ["actor"] = "Zed" } }, default);
        var last = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "eve", Content = new InlineContent("marker", "all digested events are processed once this is in") }, default);
        await silo.WaitForInboxAsync("eve", 1, "the marker");

        await silo.StopAsync();
        time.Advance(TimeSpan.FromMinutes(11));
        await silo.StartAsync();

        var page = await silo.WaitForInboxAsync("eve", 3, "both digests after the restart");
        Assert.Equal(["Ahmed, Sara and 5 others liked your post", "Zed liked your post", "all digested events are processed once this is in"],
            page.Notifications.Select(n => n.Body).Order(StringComparer.Ordinal).ToList());

        // Fire again: a second restart and more time must not flush anything twice.
        await silo.StopAsync();
        time.Advance(TimeSpan.FromHours(1));
        await silo.StartAsync();
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "eve", Content = new InlineContent("marker 2", "m2") }, default);
        page = await silo.WaitForInboxAsync("eve", 4, "the second marker");
        Assert.Equal(4, page.Notifications.Count);
        Assert.Equal(NotificationStatus.Dispatched, (await silo.Notifications.GetAsync(last.Id, default))!.Status);
    }

    [Fact]
    public async Task Quiet_hours_release_happens_at_the_local_end_of_the_window()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.Zero)); // 23:00 EST, the night clocks spring forward
        await using var silo = new SiloHarness(time);
        await silo.StartAsync();
        await silo.Users.UpsertAsync("ny", new UserProfile { TimeZone = "America/New_York" }, default);
        await silo.Users.UpdatePreferencesAsync("ny", new NotificationPreferences { QuietHours = new QuietHours("22:00", "07:00") }, default);

        var sent = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "ny", Content = new InlineContent("Weekly report", "ready") }, default);
        await Eventually.Until(() => silo.Notifications.GetAsync(sent.Id, default), v => v?.Status == NotificationStatus.Deferred, "the notification to be deferred");

        time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 10, 59, 0, TimeSpan.Zero)); // 06:59 EDT
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "ny", Content = new InlineContent("probe", "p"), Priority = Priority.Critical, Category = "security" }, default);
        var before = await silo.WaitForInboxAsync("ny", 1, "the critical probe, which bypasses quiet hours");
        Assert.Equal(["probe"], before.Notifications.Select(n => n.Title));

        time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 11, 0, 0, TimeSpan.Zero)); // 07:00 EDT
        var after = await silo.WaitForInboxAsync("ny", 2, "the deferred notification at 07:00 local");
        Assert.Contains(after.Notifications, n => n.Id == sent.Id);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_appends_nothing()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();

        Assert.Equal("type", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "x", Type = "no.such.type" }, default))).Field);
        Assert.Equal("userId", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            silo.Notifications.SendAsync(new SendNotificationRequest { Content = new InlineContent("t", "b") }, default))).Field);
        Assert.Equal("timeZone", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            silo.Users.UpsertAsync("x", new UserProfile { TimeZone = "Mars/Olympus" }, default))).Field);
        Assert.Equal("notifications", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            silo.Notifications.SendBatchAsync(Enumerable.Repeat(new SendNotificationRequest { UserId = "x", Content = new InlineContent("t", "b") }, 10_001).ToList(), default))).Field);

        var batch = await silo.Notifications.SendBatchAsync([new SendNotificationRequest { UserId = "x", Content = new InlineContent("t", "b") }, new SendNotificationRequest { UserId = "x" }], default);
        Assert.Equal((1, 1), (batch.Accepted, batch.Rejected));
        Assert.Equal("notifications[1].type", batch.Results[1].Field);

        Assert.Null(await silo.Users.GetAsync("x", default));
        await silo.WaitForInboxAsync("x", 1, "the one valid item");
    }

    [Fact]
    public async Task Types_are_seeded_from_the_repository_templates_folder_once()
    {
        var seeds = Path.Combine(RepositoryRoot(), "templates");
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon), new() { ["Silo:TemplateSeedDirectory"] = seeds });
        await silo.StartAsync();
        Assert.NotNull(silo.Templates.Get("post.liked"));
        Assert.Equal(Priority.Critical, silo.Templates.Get("security.login")!.DefaultPriority);

        // An edit made over the API is kept across restarts: seeding fills gaps, it does not overwrite.
        await silo.Templates.UpsertAsync(silo.Templates.Get("post.liked")! with { Category = "social-edited" }, default);
        await silo.StopAsync();
        await silo.StartAsync();
        Assert.Equal("social-edited", silo.Templates.Get("post.liked")!.Category);
    }

    [Fact]
    public async Task Restarting_with_another_partition_count_is_refused_with_a_clear_message()
    {
        await using var silo = new SiloHarness(new ManualTimeProvider(Noon));
        await silo.StartAsync();
        await silo.StopAsync();
        silo.Settings["Silo:Partitions"] = "16";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Contains("Silo:Partitions is 16 but this database was created with 8 partitions", error.Message);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NotificationSilo.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("The repository root (NotificationSilo.sln) is not above the test's output folder.");
    }

    [Fact]
    public async Task Rate_limit_bucket_kept_only_in_memory_is_written_on_a_clean_stop()
    {
        var time = new ManualTimeProvider(Noon);
        await using var silo = new SiloHarness(time, new() { ["Silo:Grain:RateLimitCapacity"] = "2", ["Silo:Grain:RateLimitRefillPerHour"] = "1" });
        await silo.StartAsync();
        var first = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "kim", Content = new InlineContent("1", "one") }, default);
        var second = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "kim", Content = new InlineContent("2", "two") }, default);
        await silo.WaitForInboxAsync("kim", 2, "both notifications within the burst");

        await silo.StopAsync();
        await silo.StartAsync();
        var third = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "kim", Content = new InlineContent("3", "three") }, default);

        // The bucket was empty when the silo stopped; had it not been written, the restart would refill it.
        var view = await Eventually.Until(() => silo.Notifications.GetAsync(third.Id, default), v => v?.Status is not (null or "accepted"), "the third notification to be processed");
        Assert.Equal(NotificationStatus.Digested, view!.Status);
        Assert.Equal(NotificationStatus.Dispatched, (await silo.Notifications.GetAsync(first.Id, default))!.Status);
        Assert.Equal(NotificationStatus.Dispatched, (await silo.Notifications.GetAsync(second.Id, default))!.Status);
    }

    [Theory]
    [InlineData("load")]
    [InlineData("commit")]
    public async Task A_failed_batch_is_retried_from_the_store_and_nothing_is_lost_or_doubled(string failing)
    {
        var time = new ManualTimeProvider(Noon);
        await using var silo = new SiloHarness(time);
        await silo.StartAsync();
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "ivy", Content = new InlineContent("warm", "up") }, default);
        await silo.WaitForInboxAsync("ivy", 1, "the processor to be caught up and taking appends from memory");

        if (failing == "load")
        {
            silo.Store.FailNextLoad();
        }
        else
        {
            silo.Store.FailNextCommit();
        }
        var sent = await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "zed", Content = new InlineContent("after", "the failure") }, default);
        await Eventually.Until(() => silo.Store.Failures == 1, "the injected failure");
        time.Advance(TimeSpan.FromSeconds(10)); // past the processor's backoff

        var page = await silo.WaitForInboxAsync("zed", 1, "the notification, retried from the stream in the store");
        Assert.Equal([sent.Id], page.Notifications.Select(n => n.Id));
        await silo.Notifications.SendAsync(new SendNotificationRequest { UserId = "zed", Content = new InlineContent("next", "n") }, default);
        Assert.Equal(2, (await silo.WaitForInboxAsync("zed", 2, "later notifications too")).Notifications.Count);
    }
}
