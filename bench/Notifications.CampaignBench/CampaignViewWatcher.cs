using System.Diagnostics;
using System.Net.Http.Json;
using Notifications.Api;

namespace Notifications.CampaignBench;

/// <summary>
/// Asks the silo for the campaign's view once a second while it runs, as an operator's console does, and keeps how
/// long each answer took (a count of the funnel, or one reused). A request that fails (503 when a grain call outlasts
/// its timeout, as the funnel once did at a million recipients) is counted, not retried.
/// </summary>
internal sealed class CampaignViewWatcher(HttpClient admin, Guid campaignId)
{
    private readonly List<double> _milliseconds = [];
    private readonly List<string> _failures = [];
    private CampaignProgress? _last;

    public async Task RunAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var view = (await admin.GetFromJsonAsync<CampaignView>($"/api/v1/campaigns/{campaignId}", NotificationJson.Options, stop))!;
                    _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    _last = view.Progress;
                }
                catch (HttpRequestException exception)
                {
                    _failures.Add(exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public object Report()
    {
        var sorted = _milliseconds.Order().ToList();
        double At(double q) => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))], 1);
        return new { answered = sorted.Count, p50Ms = At(0.5), p99Ms = At(0.99), maxMs = sorted.Count == 0 ? 0 : Math.Round(sorted[^1], 1), failed = _failures.Count, firstFailure = _failures.FirstOrDefault(), lastProgress = _last };
    }
}
