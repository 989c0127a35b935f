using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Model;
using Notifications.Testing;

namespace NotificationSilo.CrashTests;

/// <summary>
/// One embedded silo process on its own SQLite file, with a webhook fake that records every call, driven only through
/// the REST API: users with tags, a campaign type that goes to the inbox and the webhook, the campaign's commands. It can
/// be killed with SIGKILL and started again on the same file, as often as a test likes.
/// </summary>
internal sealed class CampaignSilo : IAsyncDisposable
{
    public const string Type = "campaign.crash";
    private const string WebhookSecret = "campaign-crash-webhook-secret-0123456789";
    private readonly TempDirectory _directory;
    private readonly Dictionary<string, string> _settings;
    private SiloProcess _process = null!;
    private HttpClient _client = null!;

    private CampaignSilo(TempDirectory directory, FakeWebhookReceiver webhook)
    {
        _directory = directory;
        Webhook = webhook;
        _settings = new Dictionary<string, string>
        {
            ["Channels:Webhook:SigningSecret"] = WebhookSecret,
            ["Channels:Webhook:AllowInsecureHttp"] = "true",
            // A webhook job the killed process had claimed comes back when its lease runs out: short, so the test need
            // not wait the production two minutes, and far longer than a call to the local fake takes.
            ["Silo:Delivery:Lease"] = "00:00:05",
            ["Silo:Delivery:PollInterval"] = "00:00:00.200",
        };
    }

    public string DatabasePath => _directory.File("silo.db");

    public FakeWebhookReceiver Webhook { get; }

    public string Output => _process.Output;

    public static async Task<CampaignSilo> StartAsync(string name)
    {
        var webhook = new FakeWebhookReceiver(WebhookSecret);
        await webhook.StartAsync();
        var silo = new CampaignSilo(new TempDirectory(name), webhook);
        await silo.StartProcessAsync();
        using var response = await silo._client.PutAsJsonAsync($"/api/v1/templates/{Type}", new NotificationTypeDefinition
        {
            Type = Type,
            Category = "news",
            Channels = [ChannelKind.InApp, ChannelKind.Webhook],
            WebhookUrl = webhook.Hook("campaigns").AbsoluteUri,
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Spring sale", Body = "20% off this week." }],
        }, NotificationJson.Options);
        response.EnsureSuccessStatusCode();
        return silo;
    }

    /// <summary>SIGKILL, then a new process on the same database (and the same webhook fake).</summary>
    public async Task KillAndRestartAsync()
    {
        await _process.KillAsync();
        await DisposeProcessAsync();
        await StartProcessAsync();
    }

    /// <summary>Users <c>{prefix}-00000</c>… with the given tags, each through <c>PUT /api/v1/users/{id}</c>.</summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(string prefix, int count, params string[] tags)
    {
        var users = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}").ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
        {
            using var response = await _client.PutAsJsonAsync($"/api/v1/users/{user}", new UserProfile { Tags = tags }, NotificationJson.Options, ct);
            response.EnsureSuccessStatusCode();
        });
        return users;
    }

    /// <summary>A started campaign of <see cref="Type"/> to everyone with <paramref name="tag"/>.</summary>
    public async Task<Guid> StartCampaignAsync(string tag, int ratePerSecond)
    {
        using var created = await _client.PostAsJsonAsync("/api/v1/campaigns", new CreateCampaignRequest
        {
            Name = $"crash {tag}",
            Segment = new SegmentSpec { Tags = new SegmentTags { All = [tag] } },
            Type = Type,
            RatePerSecond = ratePerSecond,
        }, NotificationJson.Options);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<CampaignCreated>(NotificationJson.Options))!.Id;
        var (started, _) = await CommandAsync(id, "start");
        Assert.Equal("running", started.Status);
        return id;
    }

    /// <summary>Runs a command; returns the answer and the instant it was read (the earliest a caller knows it took).</summary>
    public async Task<(CampaignView View, DateTimeOffset AnsweredAt)> CommandAsync(Guid id, string command)
    {
        using var response = await _client.PostAsync($"/api/v1/campaigns/{id}/{command}", null);
        response.EnsureSuccessStatusCode();
        var view = (await response.Content.ReadFromJsonAsync<CampaignView>(NotificationJson.Options))!;
        return (view, DateTimeOffset.UtcNow);
    }

    /// <summary>A command the campaign must refuse: the status and the problem's detail.</summary>
    public async Task<(int Status, string? Detail)> RefusedCommandAsync(Guid id, string command)
    {
        using var response = await _client.PostAsync($"/api/v1/campaigns/{id}/{command}", null);
        Assert.False(response.IsSuccessStatusCode, $"{command} was taken");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
    }

    public async Task<CampaignView> GetCampaignAsync(Guid id) =>
        (await _client.GetFromJsonAsync<CampaignView>($"/api/v1/campaigns/{id}", NotificationJson.Options))!;

    public Task<CampaignView> WaitForCampaignAsync(Guid id, Func<CampaignView, bool> condition, string what) =>
        Eventually.Until(() => GetCampaignAsync(id), condition, what, TimeSpan.FromSeconds(90));

    /// <summary>The campaign's items in each user's inbox (every page), read through the API.</summary>
    public async Task<Dictionary<string, List<InboxItem>>> InboxItemsAsync(IEnumerable<string> users)
    {
        var items = new System.Collections.Concurrent.ConcurrentDictionary<string, List<InboxItem>>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
        {
            var found = new List<InboxItem>();
            string? cursor = null;
            do
            {
                var page = (await _client.GetFromJsonAsync<InboxPage>($"/api/v1/users/{user}/notifications?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}", NotificationJson.Options, ct))!;
                found.AddRange(page.Notifications.Where(n => n.Type == Type));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            items[user] = found;
        });
        return new Dictionary<string, List<InboxItem>>(items);
    }

    /// <summary>Every call the webhook fake accepted, as (user, notification, idempotency key).</summary>
    public IReadOnlyList<WebhookCall> WebhookCalls() =>
        [.. Webhook.Accepted.Select(a => new WebhookCall(a.GetProperty("userId").GetString()!, a.GetProperty("notificationId").GetGuid(), a.GetProperty("id").GetString()!))];

    /// <summary>
    /// Chunks still in the campaign stream's durable queue: rows are deleted only once their consumer has had them, so
    /// zero means every published chunk reached its consumer. Read straight from the file (WAL lets a reader in).
    /// </summary>
    public long StreamBacklog()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM stream_messages WHERE provider = 'campaigns'";
        return (long)command.ExecuteScalar()!;
    }

    public Task WaitForEmptyStreamAsync(string what) =>
        Eventually.Until(() => Task.FromResult(StreamBacklog()), backlog => backlog == 0, what, TimeSpan.FromSeconds(60));

    private async Task StartProcessAsync()
    {
        _process = await SiloProcess.StartAsync(SiloBuild.DllPath(), DatabasePath, _settings, TimeSpan.FromMinutes(2));
        _client = _process.CreateClient();
    }

    private async Task DisposeProcessAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeProcessAsync();
        await Webhook.DisposeAsync();
        _directory.Dispose();
    }
}
