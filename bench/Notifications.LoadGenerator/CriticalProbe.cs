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
    private readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private readonly List<double> _latencies = [];
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
            _sentAt[title] = Stopwatch.GetTimestamp();
            var request = new SendNotificationRequest { UserId = userId, Category = "security", Priority = Priority.Critical, Content = new InlineContent(title, "your code is 123456") };
            using (await client.PostAsJsonAsync("/api/v1/notifications", request, NotificationJson.Options))
            {
            }
            await Task.Delay(interval, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        // Whatever has not arrived a few seconds after the last send is counted as lost, not waited for forever.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (!_sentAt.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
        _lost = _sentAt.Count;
    }

    public object Report()
    {
        lock (_latencies)
        {
            _latencies.Sort();
            double At(double q) => _latencies.Count == 0 ? 0 : Math.Round(_latencies[Math.Min(_latencies.Count - 1, (int)Math.Ceiling(q * _latencies.Count) - 1)], 1);
            return new { count = _latencies.Count, lost = _lost, p50 = At(0.50), p90 = At(0.90), p99 = At(0.99), max = _latencies.Count == 0 ? 0 : Math.Round(_latencies[^1], 1) };
        }
    }

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
                        var realtime = JsonSerializer.Deserialize<RealtimeEvent>(line["data:".Length..], NotificationJson.Options);
                        if (realtime?.Notification?.Title is { } title && _sentAt.TryRemove(title, out var sent))
                        {
                            lock (_latencies)
                            {
                                _latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                            }
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
