using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Quotas;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests;

/// <summary>Issue 9: a producer key may carry a rate (with burst) and a daily quota; over either, REST answers 429 with Retry-After and accepts nothing.</summary>
public sealed class ProducerQuotaTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_key_is_created_with_its_quota_and_lists_it()
    {
        using var admin = silo.Client(silo.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys",
            new CreateApiKeyRequest("limited", [Scopes.Send], new ProducerQuota(RequestsPerSecond: 5, RequestsPerDay: 1000)), Json.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync<ApiKeyView>(response);
        Assert.Equal(new ProducerQuota(5, 5, 1000), created.Quota);
        var listed = (await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"))).Single(k => k.Id == created.Id);
        Assert.Equal(new ProducerQuota(5, 5, 1000), listed.Quota);
    }

    [Theory]
    [InlineData("""{"requestsPerSecond":0}""", "quota.requestsPerSecond")]
    [InlineData("""{"requestsPerSecond":100001}""", "quota.requestsPerSecond")]
    [InlineData("""{"burst":10}""", "quota.burst")]
    [InlineData("""{"requestsPerSecond":10,"burst":5}""", "quota.burst")]
    [InlineData("""{"requestsPerDay":0}""", "quota.requestsPerDay")]
    [InlineData("""{"requestsPerDay":-5}""", "quota.requestsPerDay")]
    [InlineData("""{"requestsPerDay":"lots"}""", "quota.requestsPerDay")]
    public async Task A_bad_quota_is_400_naming_it_and_creates_no_key(string quota, string field)
    {
        using var admin = silo.Client(silo.AdminKey);
        var before = await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"));

        await Json.ValidationProblemAsync(await admin.PostAsync("/api/v1/admin/api-keys", Json.Raw($$"""{"name":"q","scopes":["send"],"quota":{{quota}}}""")), field);

        var after = await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"));
        Assert.Equal(before.Select(k => k.Id).Order(), after.Select(k => k.Id).Order());
    }

    [Fact]
    public async Task Over_the_rate_the_send_is_429_with_retry_after_and_nothing_is_accepted()
    {
        var key = await CreateKeyAsync(new ProducerQuota(RequestsPerSecond: 1, Burst: 2));
        var user = await silo.CreateUserAsync();
        using var producer = silo.Client(key);

        var answers = new List<HttpResponseMessage>();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await producer.PostAsJsonAsync("/api/v1/notifications",
                new SendNotificationRequest { UserId = user, Content = new InlineContent($"rate {i}", "b") }, Json.Options));
        }
        elapsed.Stop();

        // The burst of two goes through at once; after it, the bucket refills one send per second of the time the six took.
        Assert.Equal(HttpStatusCode.Accepted, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, answers[1].StatusCode);
        var admissible = 2 + (int)Math.Ceiling(elapsed.Elapsed.TotalSeconds);
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), 2, admissible);
        Assert.True(admissible >= answers.Count || answers.Any(a => a.StatusCode == HttpStatusCode.TooManyRequests), $"six sends in {elapsed.Elapsed} all accepted");
        var refused = answers.Select((a, i) => (Answer: a, Title: $"rate {i}")).Where(a => a.Answer.StatusCode != HttpStatusCode.Accepted).ToList();
        foreach (var (answer, _) in refused)
        {
            var problem = await Json.ProblemAsync(answer, HttpStatusCode.TooManyRequests);
            Assert.Contains("per second", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var retryAfter = Assert.Single(answer.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 2);
        }
        var inbox = await silo.InboxAfterMarkerAsync(user);
        Assert.All(refused, r => Assert.DoesNotContain(inbox.Notifications, n => n.Title == r.Title));
    }

    [Fact]
    public async Task Over_the_daily_quota_every_call_is_429_until_midnight_utc()
    {
        var key = await CreateKeyAsync(new ProducerQuota(RequestsPerDay: 3));
        var user = await silo.CreateUserAsync();
        using var producer = silo.Client(key);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await producer.PostAsJsonAsync("/api/v1/notifications",
                new SendNotificationRequest { UserId = user, Content = new InlineContent($"day {i}", "b") }, Json.Options)).StatusCode);
        }
        var refused = await producer.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Content = new InlineContent("day 3", "b") }, Json.Options);

        var problem = await Json.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("daily quota of 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var toMidnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now;
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)Math.Ceiling(toMidnight.TotalSeconds) + 1);
        // Any call counts, not only sends.
        await Json.ProblemAsync(await producer.GetAsync($"/api/v1/notifications/{Guid.NewGuid()}"), HttpStatusCode.TooManyRequests);
        var inbox = await silo.InboxAfterMarkerAsync(user);
        Assert.DoesNotContain(inbox.Notifications, n => n.Title == "day 3");
    }

    [Fact]
    public async Task The_daily_quota_holds_across_silos_sharing_the_ledger()
    {
        // Two gateways' quota services, as two silos have, against the silo's one ledger (the key's grain).
        var ledger = silo.Factory.Services.GetRequiredService<IDailyQuotaLedger>();
        using var first = new ProducerQuotas(ledger, TimeProvider.System);
        using var second = new ProducerQuotas(ledger, TimeProvider.System);
        var caller = new Caller("key_" + Guid.NewGuid().ToString("N"), FrozenSet<string>.Empty, null) { Quota = new ProducerQuota(RequestsPerDay: 2500) };

        var allowed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var quota = i % 3 == 0 ? first : second;
            if ((await quota.TryAcquireAsync(caller, 1, CancellationToken.None)).Allowed)
            {
                allowed++;
            }
        }

        // Each silo may hold back at most one unspent batch; together they never exceed the quota.
        Assert.InRange(allowed, 2500 - (2 * ProducerQuotas.BatchOf(2500)), 2500);
    }

    [Fact]
    public async Task Keys_without_a_quota_users_and_the_bootstrap_key_are_not_limited()
    {
        using var bootstrap = silo.Client(Testing.TestSilo<Program>.BootstrapKey);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await bootstrap.GetAsync("/api/v1/admin/api-keys")).StatusCode);
        }
    }

    private async Task<string> CreateKeyAsync(ProducerQuota quota)
    {
        using var admin = silo.Client(silo.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("quota " + Guid.NewGuid().ToString("N"), [Scopes.Send, Scopes.Manage], quota), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync<ApiKeyView>(response)).Key!;
    }
}
