using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Notifications.Api;
using Notifications.Model;

namespace Notifications.LoadGenerator;

/// <summary>
/// What a 2FA code sees while the silo is saturated: a few probe users keep a live stream (SSE) open, and one
/// critical notification at a time is sent to them through the single-send endpoint. Latency is from the start of
/// the send request to the arrival of the notification on the user's stream, on the generator's clock: the whole
/// path (gateway, grain turn, commit, realtime) as a client lives it.
/// </summary>
internal sealed class CriticalProbe : IAsyncDisposable
{
    /// <summary>A client of the silo under test with the given bearer credential (null: none).</summary>
    private readonly Func<string?, HttpClient> _createClient;
    private readonly string _adminKey;
    private readonly List<(string UserId, HttpClient Stream, Task Reader)> _streams = [];
    /// <summary>Every probe sent, by its title.</summary>
    private readonly ConcurrentDictionary<string, ProbeTimes> _times = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private long _lost;

    private CriticalProbe(Func<string?, HttpClient> createClient, string adminKey)
    {
        _createClient = createClient;
        _adminKey = adminKey;
    }

    /// <param name="createClient">A client of the silo with the given bearer credential (null: none).</param>
    /// <param name="adminKey">An API key that may create users and send (the silo's bootstrap key).</param>
    public static async Task<CriticalProbe> StartAsync(Func<string?, HttpClient> createClient, string adminKey, int users)
    {
        var probe = new CriticalProbe(createClient, adminKey);
        using var admin = createClient(adminKey);
        for (var i = 0; i < users; i++)
        {
            var userId = $"probe-{i}";
            (await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new UserProfile { DisplayName = userId }, NotificationJson.Options)).EnsureSuccessStatusCode();
            var issued = await admin.PostAsJsonAsync($"/api/v1/users/{userId}/tokens", new IssueTokenRequest(3600), NotificationJson.Options);
            issued.EnsureSuccessStatusCode();
            var token = (await issued.Content.ReadFromJsonAsync<IssuedToken>(NotificationJson.Options))!.Token;
            var stream = createClient(null);
            stream.Timeout = Timeout.InfiniteTimeSpan;
            var response = await stream.GetAsync($"/api/v1/users/{userId}/notifications/stream?access_token={token}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStreamAsync();
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            probe._streams.Add((userId, stream, Task.Run(() => probe.ReadAsync(body, opened))));
            await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        return probe;
    }

    /// <summary>
    /// Sends one critical notification every <paramref name="interval"/> round-robin to the probe users until
    /// <paramref name="until"/> or until <paramref name="stop"/> is cancelled.
    /// </summary>
    public async Task RunAsync(DateTimeOffset until, TimeSpan interval, CancellationToken stop = default)
    {
        using var client = _createClient(_adminKey);
        var sequence = 0;
        while (DateTimeOffset.UtcNow < until && !stop.IsCancellationRequested)
        {
            var userId = _streams[sequence % _streams.Count].UserId;
            var title = $"probe {sequence++}";
            var times = _times[title] = new ProbeTimes { SentAt = Stopwatch.GetTimestamp(), SentAtMs = NowMs() };
            var request = new SendNotificationRequest { UserId = userId, Category = "security", Priority = Priority.Critical, Content = new InlineContent(title, "your code is 123456") };
            using (var response = await client.PostAsJsonAsync("/api/v1/notifications", request, NotificationJson.Options))
            {
                times.AnsweredAtMs = NowMs();
                if (response.IsSuccessStatusCode)
                {
                    times.Id = (await response.Content.ReadFromJsonAsync<SendNotificationResponse>(NotificationJson.Options))?.Id;
                }
            }
            await Task.Delay(interval, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        // Whatever has not arrived a few seconds after the last send is counted as lost, not waited for forever.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (_times.Values.Any(t => t.ArrivedAtMs is null) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
        _lost = _times.Values.Count(t => t.ArrivedAtMs is null);
    }

    /// <param name="stagesOf">
    /// When the silo stamped a probe notification as accepted and as written to the inbox (Unix ms), from its
    /// database; with it the report splits the slowest probes' time into the steps of their path.
    /// </param>
    public object Report(Func<Guid, (long AcceptedAtMs, long InboxAtMs)?>? stagesOf = null)
    {
        var latencies = _times.Values.Where(t => t.ArrivedAtMs is not null).Select(t => t.LatencyMs).Order().ToList();
        double At(double q) => latencies.Count == 0 ? 0 : Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)], 1);
        return new { count = latencies.Count, lost = _lost, p50 = At(0.50), p90 = At(0.90), p99 = At(0.99), max = latencies.Count == 0 ? 0 : Math.Round(latencies[^1], 1), slowest = stagesOf is null ? null : Slowest(stagesOf) };
    }

    /// <summary>
    /// The slowest 2 % of probes, each split on one wall clock (generator and silo share the machine): request start
    /// to accepted (HTTP, gateway, up to the grain call), accepted to the inbox row (the turn and its commit), inbox
    /// to the stream (realtime), and the request's own answer.
    /// </summary>
    private object[] Slowest(Func<Guid, (long AcceptedAtMs, long InboxAtMs)?> stagesOf) =>
        [.. _times.Values.Where(t => t.ArrivedAtMs is not null && t.Id is not null)
            .OrderByDescending(t => t.LatencyMs)
            .Take(Math.Max(1, _times.Count / 50))
            .Select(t => (Times: t, Stages: stagesOf(t.Id!.Value)))
            .Select(x => new
            {
                totalMs = Math.Round(x.Times.LatencyMs, 1),
                toAcceptedMs = x.Stages is { } s1 ? Math.Round(s1.AcceptedAtMs - x.Times.SentAtMs, 1) : (double?)null,
                toInboxMs = x.Stages is { } s2 ? s2.InboxAtMs - s2.AcceptedAtMs : (long?)null,
                toStreamMs = x.Stages is { } s3 ? Math.Round(x.Times.ArrivedAtMs!.Value - s3.InboxAtMs, 1) : (double?)null,
                answeredMs = x.Times.AnsweredAtMs is { } answered ? Math.Round(answered - x.Times.SentAtMs, 1) : (double?)null,
            })];

    private static double NowMs() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private async Task ReadAsync(Stream body, TaskCompletionSource opened)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var eventType = "message";
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventType = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    opened.TrySetResult();
                    if (eventType == "notification")
                    {
                        var arrived = Stopwatch.GetTimestamp();
                        var arrivedMs = NowMs();
                        var realtime = JsonSerializer.Deserialize<RealtimeEvent>(line["data:".Length..], NotificationJson.Options);
                        if (realtime?.Notification?.Title is { } title && _times.TryGetValue(title, out var times))
                        {
                            times.Arrive(arrived, arrivedMs);
                        }
                    }
                }
                else if (line.Length == 0)
                {
                    eventType = "message";
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (_, stream, reader) in _streams)
        {
            stream.Dispose();
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
    }
}

/// <summary>
/// One probe's instants: its latency on the monotonic clock (<see cref="Stopwatch"/> timestamps), and on the wall
/// clock, in Unix ms, the instants that are compared with the silo's own stamps.
/// </summary>
internal sealed class ProbeTimes
{
    private long _arrivedAt;

    public required long SentAt { get; init; }
    public required double SentAtMs { get; init; }
    public double? AnsweredAtMs { get; set; }
    public Guid? Id { get; set; }
    public double? ArrivedAtMs { get; private set; }

    public double LatencyMs => Stopwatch.GetElapsedTime(SentAt, _arrivedAt).TotalMilliseconds;

    /// <summary>The first arrival counts; a replayed event (a reconnect) does not move it.</summary>
    public void Arrive(long timestamp, double wallMs)
    {
        if (Interlocked.CompareExchange(ref _arrivedAt, timestamp, 0) == 0)
        {
            ArrivedAtMs = wallMs;
        }
    }
}
