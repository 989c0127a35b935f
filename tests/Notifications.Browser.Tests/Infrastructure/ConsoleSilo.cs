using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Notifications.Channels.Fakes;
using Notifications.Testing;

namespace Notifications.Browser.Tests.Infrastructure;

/// <summary>
/// The real silo executable delivering webhooks to a fake customer endpoint (whose faults a test switches on), with
/// short retries and a quick breaker so an outage shows within seconds, and Debian's Chromium for the console.
/// </summary>
public sealed class ConsoleSilo : IAsyncLifetime
{
    public const string WebhookSecret = "console-tests-webhook-secret-0123456789";
    public const string EventType = "ops.console";
    private readonly TempDirectory _directory = new("console-browser");
    private IPlaywright _playwright = null!;

    public SiloProcess Silo { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public FakeWebhookReceiver Webhook { get; } = new(WebhookSecret);

    /// <summary>Where the console's screenshots go: the README links them.</summary>
    public static string ImagesDirectory => Path.Combine(RepositoryPaths.Root, "docs", "images");

    public async Task InitializeAsync()
    {
        await Webhook.StartAsync();
        Silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), _directory.File("silo.db"), new Dictionary<string, string>
        {
            ["Channels:Webhook:SigningSecret"] = WebhookSecret,
            ["Channels:Webhook:AllowInsecureHttp"] = "true",
            ["Channels:Webhook:Resilience:MinimumThroughput"] = "2",
            ["Channels:Webhook:Resilience:FailureRatio"] = "0.5",
            ["Channels:Webhook:Resilience:BreakDuration"] = "00:00:01",
            ["Silo:Delivery:MaxAttempts"] = "3",
            ["Silo:Delivery:RetryBaseDelay"] = "00:00:00.100",
            ["Silo:Delivery:RetryMaxDelay"] = "00:00:00.300",
            ["Silo:Operations:ReportInterval"] = "00:00:00.250",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(20_000);
        using var admin = Silo.CreateClient();
        using var put = await admin.PutAsJsonAsync($"/api/v1/templates/{EventType}", new JsonObject
        {
            ["type"] = EventType,
            ["category"] = "ops",
            ["channels"] = new JsonArray("inApp", "webhook"),
            ["webhookUrl"] = Webhook.Hook("console").AbsoluteUri,
            ["templates"] = new JsonArray(new JsonObject { ["channel"] = "inApp", ["title"] = "Order {{order}} shipped", ["body"] = "On its way." }),
        });
        Assert.True(put.IsSuccessStatusCode, $"the type was refused: {await put.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Silo.DisposeAsync();
        await Webhook.DisposeAsync();
        _directory.Dispose();
    }

    public async Task<string> CreateUserAsync(string hint)
    {
        var userId = $"{hint}-{Guid.NewGuid():N}"[..24];
        using var admin = Silo.CreateClient();
        using var put = await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { displayName = $"{hint} user", locale = "en-GB", timeZone = "Europe/London", email = $"{hint}@example.org" });
        put.EnsureSuccessStatusCode();
        return userId;
    }

    public async Task<string> SendAsync(string userId, string order, string priority = "normal")
    {
        using var admin = Silo.CreateClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/notifications", new JsonObject
        {
            ["userId"] = userId,
            ["type"] = EventType,
            ["priority"] = priority,
            ["data"] = new JsonObject { ["order"] = order },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"send answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Waits until the notification's webhook delivery has reached <paramref name="status"/>.</summary>
    public Task<JsonObject> WebhookStatusAsync(string id, string status) =>
        Eventually.Until(
            async () =>
            {
                using var admin = Silo.CreateClient();
                return (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/notifications/{id}"))!;
            },
            n => n["deliveries"]!.AsArray().Any(d => d!["channel"]!.GetValue<string>() == "webhook" && d["status"]!.GetValue<string>() == status),
            $"the webhook delivery of {id} is {status}");

    /// <summary>
    /// A new browser page at <paramref name="viewport"/>, signed in through the console's form with the bootstrap key,
    /// showing <paramref name="path"/> (its #view too: the fragment never reaches the server, so the sign-in cannot keep it).
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string path = "/console", ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var url = new Uri(Silo.BaseAddress, path);
        await page.GotoAsync(url.ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.GetByLabel("Admin API key").FillAsync(SiloProcess.BootstrapKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(url.GetLeftPart(UriPartial.Path)).ToString());
        if (url.Fragment.Length > 0)
        {
            await page.GotoAsync(url.ToString());
        }
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ImagesDirectory);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ImagesDirectory, name), FullPage = false });
    }
}
