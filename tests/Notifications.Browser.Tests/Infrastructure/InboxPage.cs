using Microsoft.Playwright;

namespace Notifications.Browser.Tests.Infrastructure;

/// <summary>Locators of the element's parts (Playwright's CSS engine pierces the open shadow root).</summary>
internal sealed class InboxPage(IPage page)
{
    public IPage Page => page;
    public ILocator Host => page.Locator("notification-inbox");
    public ILocator Bell => page.Locator("notification-inbox button.bell");
    public ILocator Badge => page.Locator("notification-inbox .badge");
    public ILocator Panel => page.Locator("notification-inbox [role=dialog]");
    public ILocator Items => page.Locator("notification-inbox article");

    public ILocator Item(string title) => page.Locator("notification-inbox article").Filter(new LocatorFilterOptions { HasText = title });

    /// <summary>Waits until the live stream is open, so a notification sent next is seen live.</summary>
    public Task ConnectedAsync() => Assertions.Expect(page.Locator("notification-inbox[data-connection=open]")).ToHaveCountAsync(1);

    /// <summary>
    /// Scrolls the feed to <paramref name="top"/> (its end when null) and returns where it landed. One script finds the
    /// list and scrolls it: a locator resolves the element first and evaluates on it afterwards, so a rebuild of the panel
    /// in between would scroll a detached copy and leave the reader's list where it was.
    /// </summary>
    public Task<double> ScrollFeedAsync(double? top = null) => page.EvaluateAsync<double>(
        "top => { const scroller = document.querySelector('notification-inbox').shadowRoot.querySelector('.scroll'); scroller.scrollTop = top ?? scroller.scrollHeight; return scroller.scrollTop; }",
        top);

    public Task<double> FeedScrollTopAsync() => page.EvaluateAsync<double>(
        "() => document.querySelector('notification-inbox').shadowRoot.querySelector('.scroll').scrollTop");

    public async Task OpenAsync()
    {
        await Bell.ClickAsync();
        await Assertions.Expect(Bell).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(Panel).ToBeVisibleAsync();
    }
}
