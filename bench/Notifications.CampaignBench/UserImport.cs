using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Application;
using Notifications.Model;

namespace Notifications.CampaignBench;

/// <summary>
/// Registers the campaign's recipients through the product's own user service (what PUT /api/v1/users/{id} and
/// POST …/devices call), many at a time: each user a profile with the tag, then one Android (FCM) device. Every
/// user goes through its grain's turns, so the directory the campaign pages is the one the product keeps.
/// </summary>
internal static class UserImport
{
    public static string UserId(int i) => $"bench-{i:D7}";

    public static async Task<ImportResult> RunAsync(IServiceProvider services, int count, string tag, int concurrency)
    {
        var users = services.GetRequiredService<IUserService>();
        var profile = new UserProfile { Locale = "en-US", TimeZone = "Europe/Paris", Tags = [tag] };
        var clock = Stopwatch.StartNew();
        var next = -1;
        var failures = 0;
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var userId = UserId(i);
                try
                {
                    await users.UpsertAsync(userId, profile with { DisplayName = userId }, CancellationToken.None);
                    await users.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Android, $"fcm-token-{userId}", null), CancellationToken.None);
                }
                catch (Exception)
                {
                    // Counted and reported: a benchmark over a partial directory would not target N.
                    Interlocked.Increment(ref failures);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(WorkerAsync)));
        return new ImportResult(count - failures, failures, Math.Round(clock.Elapsed.TotalSeconds, 1), Math.Round(count / clock.Elapsed.TotalSeconds));
    }
}

internal sealed record ImportResult(int Imported, int Failed, double Seconds, double UsersPerSecond);
