using Microsoft.Playwright;
using Notifications.Browser.Tests.Infrastructure;
using Notifications.Testing;
using static Microsoft.Playwright.Assertions;

namespace Notifications.Browser.Tests;

/// <summary>The demo page's element against the real silo: what today's inbox API already supports.</summary>
public sealed class InboxLiveTests(InboxSilo silo) : IClassFixture<InboxSilo>
{
    [Fact]
    public async Task The_badge_counts_up_live_and_opening_the_feed_clears_it()
    {
        var (userId, token) = await silo.CreateUserAsync("live");
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.ConnectedAsync();
        await Expect(inbox.Badge).ToBeHiddenAsync();
        await Expect(inbox.Bell).ToHaveAttributeAsync("aria-expanded", "false");

        await silo.SendAsync(userId, "First live one");
        await Expect(inbox.Badge).ToHaveTextAsync("1");
        await silo.SendAsync(userId, "Second live one");
        await Expect(inbox.Badge).ToHaveTextAsync("2");
        await Expect(inbox.Bell).ToHaveAttributeAsync("aria-label", "Notifications, 2 new");

        await inbox.OpenAsync();
        await Expect(inbox.Badge).ToBeHiddenAsync();
        await Expect(inbox.Items).ToHaveCountAsync(2);
        await Expect(inbox.Items.First).ToContainTextAsync("Second live one");
        await Expect(inbox.Page.Locator("notification-inbox [role=feed]")).ToHaveAttributeAsync("aria-busy", "false");

        // A new item while the feed is open is announced in the live region.
        await silo.SendAsync(userId, "Third live one");
        await Expect(inbox.Items).ToHaveCountAsync(3);
        await Expect(inbox.Page.Locator("notification-inbox [aria-live=polite]")).ToHaveTextAsync("New notification: Third live one");
    }

    [Fact]
    public async Task Mark_read_in_the_feed_reaches_the_server_and_the_item_loses_its_unread_style()
    {
        var (userId, token) = await silo.CreateUserAsync("read");
        var id = await silo.SendAsync(userId, "Read me");
        await silo.ProcessedNotificationAsync(id);
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.OpenAsync();
        var item = inbox.Item("Read me");
        await Expect(item).ToHaveClassAsync("item unread");
        await item.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await Expect(item).ToHaveClassAsync("item");
        await Eventually.Until(
            () => silo.GetJsonAsync($"/api/v1/users/{userId}/notifications"),
            page => page["unreadCount"]!.GetValue<int>() == 0,
            "the server counts no unread item");
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Mark as unread" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_feed_pages_in_the_older_items_when_scrolled_to_its_end()
    {
        var (_, inbox) = await OpenInboxWithAsync("paging", 23, "Page item");
        await Expect(inbox.Items.First).ToContainTextAsync("Page item 23");
        // Scrolling to the end brings the "Load more" button into view, which loads the next page by itself.
        await Expect(inbox.Page.Locator("notification-inbox button.more")).ToBeAttachedAsync();
        await inbox.ScrollFeedAsync();
        await Expect(inbox.Items).ToHaveCountAsync(23);
        await Expect(inbox.Items.Last).ToContainTextAsync("Page item 01");
        await Expect(inbox.Page.Locator("notification-inbox button.more")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_live_arrival_while_the_reader_scrolls_keeps_the_list_where_it_was()
    {
        var (userId, inbox) = await OpenInboxWithAsync("scrolled", 20, "Scrolled item");
        await inbox.ConnectedAsync();
        Assert.Equal(120, await inbox.ScrollFeedAsync(120));

        // The arrival rebuilds the panel (a store change): the reader's place in the list must survive it. The browser
        // may move it on by the new item's height to keep the same items in view (scroll anchoring); back at the top is
        // what must not happen.
        await silo.SendAsync(userId, "Arrived while scrolled");
        await Expect(inbox.Items.First).ToContainTextAsync("Arrived while scrolled");
        Assert.InRange(await inbox.FeedScrollTopAsync(), 119, 400);
    }

    /// <summary>A new user with <paramref name="count"/> items titled "{title} 01" … (oldest first), the inbox open on its first page.</summary>
    private async Task<(string UserId, InboxPage Inbox)> OpenInboxWithAsync(string prefix, int count, string title)
    {
        var (userId, token) = await silo.CreateUserAsync(prefix);
        var last = "";
        for (var i = 1; i <= count; i++)
        {
            last = await silo.SendAsync(userId, $"{title} {i:00}");
        }
        await silo.ProcessedNotificationAsync(last);
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.OpenAsync();
        await Expect(inbox.Items).ToHaveCountAsync(Math.Min(count, 20));
        return (userId, inbox);
    }

    [Fact]
    public async Task Keyboard_arrows_move_between_items_enter_activates_and_escape_closes()
    {
        var (userId, token) = await silo.CreateUserAsync("keys");
        foreach (var title in new[] { "Key one", "Key two", "Key three" })
        {
            await silo.ProcessedNotificationAsync(await silo.SendAsync(userId, title));
        }
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.OpenAsync();
        await Expect(inbox.Items).ToHaveCountAsync(3);
        await Expect(inbox.Page.Locator("notification-inbox [role=tab][aria-selected=true]")).ToBeFocusedAsync();

        await inbox.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(inbox.Item("Key three")).ToBeFocusedAsync();
        await inbox.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(inbox.Item("Key two")).ToBeFocusedAsync();
        await inbox.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(inbox.Item("Key three")).ToBeFocusedAsync();
        await inbox.Page.Keyboard.PressAsync("Enter");
        await Expect(inbox.Item("Key three")).ToHaveClassAsync("item");

        await inbox.Page.Keyboard.PressAsync("Escape");
        await Expect(inbox.Panel).ToBeHiddenAsync();
        await Expect(inbox.Bell).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(inbox.Bell).ToBeFocusedAsync();
        await inbox.Page.Keyboard.PressAsync("Enter");
        await Expect(inbox.Panel).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_users_token_sees_nothing_of_this_user()
    {
        var (alice, _) = await silo.CreateUserAsync("alice");
        var (bob, bobToken) = await silo.CreateUserAsync("bob");
        await silo.ProcessedNotificationAsync(await silo.SendAsync(alice, "Alice's secret"));

        // Bob's token on Alice's inbox: refused, and the element shows its error state with nothing of hers.
        var intruder = new InboxPage(await silo.OpenDemoAsync(alice, bobToken));
        await intruder.OpenAsync();
        await Expect(intruder.Page.Locator("notification-inbox [role=alert]")).ToContainTextAsync("could not be loaded");
        await Expect(intruder.Items).ToHaveCountAsync(0);
        await Expect(intruder.Page.Locator("notification-inbox")).ToHaveAttributeAsync("data-connection", new System.Text.RegularExpressions.Regex("reconnecting|connecting"));

        // Bob's own inbox is empty, and stays so while Alice gets another.
        var own = new InboxPage(await silo.OpenDemoAsync(bob, bobToken));
        await own.ConnectedAsync();
        await own.OpenAsync();
        await Expect(own.Page.Locator("notification-inbox .state.empty")).ToBeVisibleAsync();
        var marker = await silo.SendAsync(bob, "Bob's marker");
        await silo.SendAsync(alice, "Alice's second secret");
        await Expect(own.Item("Bob's marker")).ToBeVisibleAsync();
        await silo.ProcessedNotificationAsync(marker);
        await Expect(own.Items).ToHaveCountAsync(1);
        await Expect(own.Page.Locator("notification-inbox")).Not.ToContainTextAsync("Alice");
    }

    [Fact]
    public async Task Turning_a_channel_off_in_the_preferences_panel_stops_the_next_send_on_it()
    {
        var (userId, token) = await silo.CreateUserAsync("prefs");
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.OpenAsync();
        await inbox.Page.Locator("notification-inbox header").GetByRole(AriaRole.Button, new() { Name = "Preferences" }).ClickAsync();
        var inApp = inbox.Page.GetByRole(AriaRole.Checkbox, new() { Name = "All categories · In-app" });
        await Expect(inApp).ToBeCheckedAsync();
        await inApp.UncheckAsync();
        // A window far from now (the user is on UTC), so the send below is not held by it.
        var start = DateTime.UtcNow.AddHours(6).ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow.AddHours(7).ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture);
        await inbox.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Quiet hours", Exact = true }).CheckAsync();
        await inbox.Page.Locator("notification-inbox input[name=quiet-start]").FillAsync(start);
        await inbox.Page.Locator("notification-inbox input[name=quiet-end]").FillAsync(end);
        await inbox.Page.Locator("notification-inbox select[name=quiet-mode]").SelectOptionAsync("inboxOnly");
        await inbox.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(inbox.Page.Locator("notification-inbox form [role=status]")).ToHaveTextAsync("Preferences saved.");

        var preferences = await silo.GetJsonAsync($"/api/v1/users/{userId}/preferences");
        Assert.False(preferences["channels"]!["inApp"]!.GetValue<bool>());
        Assert.Equal(start, preferences["quietHours"]!["start"]!.GetValue<string>());
        Assert.Equal(end, preferences["quietHours"]!["end"]!.GetValue<string>());
        Assert.Equal("inboxOnly", preferences["quietHours"]!["mode"]!.GetValue<string>());

        var id = await silo.SendAsync(userId, "Should not reach the inbox");
        var notification = await silo.ProcessedNotificationAsync(id);
        Assert.DoesNotContain(notification["deliveries"]!.AsArray(), d => d!["channel"]!.GetValue<string>() == "inApp");
        var page = await silo.GetJsonAsync($"/api/v1/users/{userId}/notifications");
        Assert.Empty(page["notifications"]!.AsArray());
    }

    [Fact]
    public async Task Screenshots_of_the_component_in_light_dark_and_french()
    {
        // The committed pictures in docs/images are rewritten only when missing or asked for (INBOX_UPDATE_SCREENSHOTS=1),
        // so a test run leaves the work tree clean; otherwise they go beside the test binaries.
        var update = Environment.GetEnvironmentVariable("INBOX_UPDATE_SCREENSHOTS") == "1";
        var folder = update || !File.Exists(Path.Combine(RepositoryPaths.Images, "inbox-light.png"))
            ? RepositoryPaths.Images
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (name, locale, theme, scheme) in new[]
        {
            ("inbox-light.png", "en-GB", "light", ColorScheme.Light),
            ("inbox-dark.png", "en-GB", "dark", ColorScheme.Dark),
            ("inbox-fr.png", "fr-FR", "light", ColorScheme.Light),
        })
        {
            var (userId, token) = await silo.CreateUserAsync("shot", locale);
            var french = locale.StartsWith("fr", StringComparison.Ordinal);
            await silo.ProcessedNotificationAsync(await silo.SendAsync(userId, french ? "Votre export est prêt" : "Your export is ready", "account",
                body: french ? "Téléchargez-le sous 7 jours." : "Download it within 7 days."));
            await silo.ProcessedNotificationAsync(await silo.SendAsync(userId, french ? "Nouvelle connexion depuis Lyon" : "New sign-in from Lyon", "security",
                body: french ? "Firefox sur Linux. Ce n'est pas vous ? Changez votre mot de passe." : "Firefox on Linux. Not you? Change your password."));
            await silo.ProcessedNotificationAsync(await silo.SendAsync(userId, french ? "Facture 2026-0042 payée" : "Invoice 2026-0042 paid", "billing",
                body: french ? "Nous avons reçu 42,00 EUR." : "We received 42.00 EUR."));
            var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token, $"&locale={locale}&theme={theme}&tabs=all,unread,category:security,archived",
                new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 760, Height = 620 }, Locale = locale, ColorScheme = scheme }));
            await inbox.OpenAsync();
            await Expect(inbox.Items).ToHaveCountAsync(3);
            await inbox.Items.Last.GetByRole(AriaRole.Button, new() { Name = french ? "Marquer comme lue" : "Mark as read" }).ClickAsync();
            await Expect(inbox.Items.Last).ToHaveClassAsync("item");
            await Expect(inbox.Page.Locator("notification-inbox [role=tab]").First).ToHaveTextAsync(french ? "Toutes" : "All");
            await inbox.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
            await inbox.Page.Context.CloseAsync();
        }
    }
}
