using System.Diagnostics;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Application;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.ClusterBench;

/// <summary>
/// One campaign to a tag segment of N users on a running cluster, all through the REST API: the users are imported
/// through every silo in turn, the campaign is created and started on the first, and its progress is read once a
/// second from each silo in turn until it completes. In-app only: the silo processes have no push provider to send to.
/// </summary>
internal static class ClusterCampaign
{
    private const string Tag = "bench-campaign";

    public static async Task<object> RunAsync(IReadOnlyList<SiloProcess> silos, int recipients, TimeSpan timeout, Func<double> cpuSeconds)
    {
        var clients = silos.Select(silo => silo.CreateClient()).ToList();
        try
        {
            // Two requests per silo in flight, so every silo's gateway and user grains share the import.
            var totals = await UserImporter.ImportAsync(clients, recipients, 2 * clients.Count, i => new UserImportItem(
                UserImporter.UserId(i), new UserProfile { DisplayName = UserImporter.UserId(i), Locale = "en-US", TimeZone = "Europe/Paris", Tags = [Tag] }, []));
            var imported = totals.Imported;
            var importSeconds = totals.Elapsed.TotalSeconds;

            var created = await clients[0].PostAsJsonAsync("/api/v1/campaigns", new CreateCampaignRequest
            {
                Name = $"cluster bench {recipients}",
                Segment = new SegmentSpec { Tags = new SegmentTags { All = [Tag] } },
                Content = new InlineContent("Spring sale", "Everything 20% off until Sunday."),
                Category = "marketing",
                Channels = [ChannelKind.InApp],
                RatePerSecond = 1_000_000,
            }, NotificationJson.Options);
            created.EnsureSuccessStatusCode();
            var campaign = (await created.Content.ReadFromJsonAsync<CampaignCreated>(NotificationJson.Options))!;
            var cpuBefore = cpuSeconds();
            var clock = Stopwatch.StartNew();
            (await clients[0].PostAsync($"/api/v1/campaigns/{campaign.Id}/start", null)).EnsureSuccessStatusCode();

            var perSecond = new List<long>();
            CampaignView view;
            var poll = 0;
            long lastProcessed = 0;
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                view = (await clients[poll++ % clients.Count].GetFromJsonAsync<CampaignView>($"/api/v1/campaigns/{campaign.Id}", NotificationJson.Options))!;
                perSecond.Add(view.Progress.Processed - lastProcessed);
                lastProcessed = view.Progress.Processed;
                if (view.Status is "completed" or "cancelled" || clock.Elapsed > timeout)
                {
                    break;
                }
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = cpuSeconds() - cpuBefore;
            var progress = view.Progress;
            return new
            {
                silos = silos.Count,
                import = new { imported, seconds = Math.Round(importSeconds, 1), usersPerSecond = Math.Round(imported / importSeconds) },
                campaign = new
                {
                    status = view.Status,
                    // Start command → the first poll that saw it completed (polls are a second apart).
                    completedSeconds = Math.Round(seconds, 1),
                    recipientsPerSecond = Math.Round(progress.Processed / seconds),
                    cpuMicrosecondsPerRecipient = progress.Processed == 0 ? 0 : Math.Round(cpu * 1e6 / progress.Processed, 1),
                },
                funnel = new { progress.Targeted, progress.Processed, progress.Suppressed, progress.Delivered, progress.Failed },
                exact = progress.Targeted == recipients && progress.Processed == recipients && progress.Delivered == recipients,
                processedPerSecond = perSecond,
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
