using Notifications.Api;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.CampaignBench;

/// <summary>The campaign's recipients: each user a profile with the tag and one Android (FCM) device, in one turn of its grain.</summary>
internal static class UserImport
{
    public static async Task<ImportResult> RunAsync(HttpClient client, int count, string tag, int concurrency)
    {
        var totals = await UserImporter.ImportAsync([client], count, concurrency, i => new UserImportItem(
            UserImporter.UserId(i),
            new UserProfile { DisplayName = UserImporter.UserId(i), Locale = "en-US", TimeZone = "Europe/Paris", Tags = [tag] },
            [new RegisterDeviceRequest(DeviceKind.Android, $"fcm-token-{UserImporter.UserId(i)}", null)]));
        var seconds = totals.Elapsed.TotalSeconds;
        return new ImportResult(totals.Imported, totals.Failed, Math.Round(seconds, 1), Math.Round(count / seconds));
    }
}

internal sealed record ImportResult(int Imported, int Failed, double Seconds, double UsersPerSecond)
{
    /// <summary>CPU of the whole process (silo and client) during the import, per user imported.</summary>
    public double CpuMicrosecondsPerUser { get; init; }
}
