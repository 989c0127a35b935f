using Microsoft.Playwright;

namespace Notifications.Browser.Tests.Infrastructure;

/// <summary>Debian's Chromium (installed by setup.sh), headless and quiet: Playwright's own browser download does not work here.</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
