using System.Diagnostics;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Application;
using Notifications.Model;

namespace Notifications.CampaignBench;

/// <summary>
/// Registers the campaign's recipients through <c>POST /api/v1/users:import</c>, <see cref="UserImportLimits.MaxUsers"/>
/// users per request and a few requests at a time: each user a profile with the tag and one Android (FCM) device, in one
/// turn of its grain, so the directory the campaign pages is the one the product keeps.
/// </summary>
internal static class UserImport
{
    public static string UserId(int i) => $"bench-{i:D7}";

    public static async Task<ImportResult> RunAsync(HttpClient client, int count, string tag, int concurrency)
    {
        var clock = Stopwatch.StartNew();
        var batches = (count + UserImportLimits.MaxUsers - 1) / UserImportLimits.MaxUsers;
        var next = -1;
        var imported = 0;
        async Task WorkerAsync()
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var from = batch * UserImportLimits.MaxUsers;
                var users = Enumerable.Range(from, Math.Min(UserImportLimits.MaxUsers, count - from))
                    .Select(i => new UserImportItem(
                        UserId(i),
                        new UserProfile { DisplayName = UserId(i), Locale = "en-US", TimeZone = "Europe/Paris", Tags = [tag] },
                        [new RegisterDeviceRequest(DeviceKind.Android, $"fcm-token-{UserId(i)}", null)]))
                    .ToList();
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/users:import", new ImportUsersRequest(users), NotificationJson.Options);
                    response.EnsureSuccessStatusCode();
                    var answer = (await response.Content.ReadFromJsonAsync<ImportUsersResponse>(NotificationJson.Options))!;
                    Interlocked.Add(ref imported, answer.Imported);
                }
                catch (HttpRequestException)
                {
                    // The batch counts as failed: a benchmark over a partial directory would not target N.
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, batches)).Select(_ => Task.Run(WorkerAsync)));
        return new ImportResult(imported, count - imported, Math.Round(clock.Elapsed.TotalSeconds, 1), Math.Round(count / clock.Elapsed.TotalSeconds));
    }
}

internal sealed record ImportResult(int Imported, int Failed, double Seconds, double UsersPerSecond)
{
    /// <summary>CPU of the whole process (silo and client) during the import, per user imported.</summary>
    public double CpuMicrosecondsPerUser { get; init; }
}
