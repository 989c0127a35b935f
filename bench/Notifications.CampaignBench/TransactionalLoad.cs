using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Testing;

namespace Notifications.CampaignBench;

/// <summary>
/// Ordinary transactional traffic beside the campaign: single sends (normal lane, in-app) to random recipients,
/// offered at a fixed rate with a bounded number in flight. A send due while every slot is busy is skipped, not
/// sent late, so the rate a window achieves says how much of this traffic the silo kept up with.
/// </summary>
internal sealed class TransactionalLoad(HttpClient client, int users, int rate, int maxInFlight)
{
    private readonly List<(long CompletedAt, double LatencyMs)> _completed = [];
    private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);
    private long _failed;
    private long _skipped;

    public async Task RunAsync(CancellationToken stop)
    {
        if (rate == 0)
        {
            return;
        }
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        long slots = 0;
        var sends = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate) - slots;
            for (; due > 0; due--, slots++)
            {
                if (_slots.Wait(0))
                {
                    sends.Add(SendAsync(UserImporter.UserId(random.Next(users)), slots));
                }
                else
                {
                    Interlocked.Increment(ref _skipped);
                }
            }
            sends.RemoveAll(t => t.IsCompleted);
            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(sends);
    }

    private async Task SendAsync(string userId, long sequence)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var request = new SendNotificationRequest
            {
                UserId = userId,
                Category = "transactional",
                Priority = Priority.Normal,
                Channels = [ChannelKind.InApp],
                Content = new InlineContent("Your order shipped", $"Order {sequence} is on its way."),
            };
            using var response = await client.PostAsJsonAsync("/api/v1/notifications", request, NotificationJson.Options);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var completed = Stopwatch.GetTimestamp();
                lock (_completed)
                {
                    _completed.Add((completed, Stopwatch.GetElapsedTime(started, completed).TotalMilliseconds));
                }
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Sends accepted within [<paramref name="from"/>, <paramref name="to"/>) (Stopwatch timestamps): their rate and latency.</summary>
    public TransactionalWindow Window(long from, long to)
    {
        List<double> latencies;
        lock (_completed)
        {
            latencies = [.. _completed.Where(c => c.CompletedAt >= from && c.CompletedAt < to).Select(c => c.LatencyMs)];
        }
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? 0 : Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)], 1);
        var seconds = Stopwatch.GetElapsedTime(from, to).TotalSeconds;
        return new TransactionalWindow(latencies.Count, Math.Round(latencies.Count / seconds, 1), At(0.50), At(0.99));
    }

    public long Failed => Interlocked.Read(ref _failed);

    public long Skipped => Interlocked.Read(ref _skipped);
}

internal sealed record TransactionalWindow(int Accepted, double PerSecond, double P50Ms, double P99Ms);
