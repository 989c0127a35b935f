using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Notifications.Testing;

namespace Notifications.Browser.Tests.Infrastructure;

/// <summary>
/// The real silo executable on a loopback port with its own database, and Debian's Chromium driven by Playwright.
/// Users, tokens and notifications are made through the REST API with the bootstrap key, as an app's backend would.
/// </summary>
public sealed class InboxSilo : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("inbox-browser");
    private IPlaywright _playwright = null!;

    public SiloProcess Silo { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string DatabasePath => _directory.File("silo.db");

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), DatabasePath);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Silo.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Kills the silo and starts it again on the same database and the same address, as a deploy would.</summary>
    public async Task RestartAsync()
    {
        var address = Silo.BaseAddress.ToString().TrimEnd('/');
        await Silo.KillAsync();
        await Silo.DisposeAsync();
        Silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), DatabasePath, urls: address);
    }

    public async Task<(string UserId, string Token)> CreateUserAsync(string hint, string locale = "en-GB")
    {
        var userId = $"{hint}-{Guid.NewGuid():N}"[..24];
        using var admin = Silo.CreateClient();
        using (var put = await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { displayName = hint, locale, timeZone = "UTC" }))
        {
            put.EnsureSuccessStatusCode();
        }
        using var response = await admin.PostAsJsonAsync($"/api/v1/users/{userId}/tokens", new { ttlSeconds = 3600 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        return (userId, token);
    }

    /// <summary>Sends an inline notification; <paramref name="extra"/> adds fields such as actions or channels.</summary>
    public async Task<string> SendAsync(string userId, string title, string? category = null, JsonObject? extra = null, string? body = null)
    {
        var request = new JsonObject
        {
            ["userId"] = userId,
            ["content"] = new JsonObject { ["title"] = title, ["body"] = body ?? $"Body of {title}" },
        };
        if (category is not null)
        {
            request["category"] = category;
        }
        foreach (var (name, value) in extra ?? [])
        {
            request[name] = value?.DeepClone();
        }
        using var admin = Silo.CreateClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/notifications", request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"send answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var admin = Silo.CreateClient();
        using var response = await admin.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Waits until the notification has been processed (its status is no longer "accepted").</summary>
    public Task<JsonObject> ProcessedNotificationAsync(string id) =>
        Eventually.Until(() => GetJsonAsync($"/api/v1/notifications/{id}"), n => n["status"]?.GetValue<string>() != "accepted", $"notification {id} is processed");

    public async Task<IPage> OpenDemoAsync(string userId, string token, string query = "", BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 760, Height = 680 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var url = new Uri(Silo.BaseAddress, $"/inbox-demo?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}{query}");
        await page.GotoAsync(url.ToString());
        return page;
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
