using System.Diagnostics;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Application;

namespace Notifications.Testing;

/// <summary>
/// Registers a benchmark's users through <c>POST /api/v1/users:import</c>, <see cref="UserImportLimits.MaxUsers"/> per
/// request and <c>requestsInFlight</c> requests at a time, spread over the clients given (one per silo of a cluster), so
/// the directory a campaign pages is the one the product keeps.
/// </summary>
public static class UserImporter
{
    public static string UserId(int i) => $"bench-{i:D7}";

    /// <summary>Users 0 … <paramref name="count"/> − 1, user i as <paramref name="user"/> makes it. A refused request counts its users as failed.</summary>
    public static async Task<UserImportTotals> ImportAsync(IReadOnlyList<HttpClient> clients, int count, int requestsInFlight, Func<int, UserImportItem> user)
    {
        var clock = Stopwatch.StartNew();
        var batches = (count + UserImportLimits.MaxUsers - 1) / UserImportLimits.MaxUsers;
        var next = -1;
        var imported = 0;
        async Task WorkerAsync(HttpClient client)
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var from = batch * UserImportLimits.MaxUsers;
                var users = Enumerable.Range(from, Math.Min(UserImportLimits.MaxUsers, count - from)).Select(user).ToList();
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/users:import", new ImportUsersRequest(users), NotificationJson.Options);
                    response.EnsureSuccessStatusCode();
                    Interlocked.Add(ref imported, (await response.Content.ReadFromJsonAsync<ImportUsersResponse>(NotificationJson.Options))!.Imported);
                }
                catch (HttpRequestException)
                {
                    // Counted as failed: a benchmark over a partial directory would not target N, and says so.
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(requestsInFlight, batches)).Select(k => Task.Run(() => WorkerAsync(clients[k % clients.Count]))));
        return new UserImportTotals(imported, count - imported, clock.Elapsed);
    }
}

public sealed record UserImportTotals(int Imported, int Failed, TimeSpan Elapsed);
