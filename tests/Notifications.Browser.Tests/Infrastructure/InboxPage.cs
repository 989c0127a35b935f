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

    public async Task OpenAsync()
    {
        await Bell.ClickAsync();
        await Assertions.Expect(Bell).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(Panel).ToBeVisibleAsync();
    }
}
