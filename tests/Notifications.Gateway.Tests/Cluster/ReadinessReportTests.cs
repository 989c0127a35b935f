using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Notifications.Application;
using Notifications.Gateway.Health;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>/readyz turns 503 with the reason when the membership drops this silo or a store stops answering.</summary>
public sealed class ReadinessReportTests
{
    [Theory]
    [InlineData(false, null, null, "the cluster membership does not list this silo as active")]
    [InlineData(true, "connection refused", null, "grain storage: connection refused")]
    [InlineData(true, null, "no answer within 3 s", "record store: no answer within 3 s")]
    public async Task Each_problem_makes_the_check_unhealthy_with_its_reason(bool active, string? grainProblem, string? recordProblem, string reason)
    {
        var check = new ClusterHealthCheck(new FixedClusterHealth(new ClusterHealthReport(active, 2, grainProblem, recordProblem)), new Ready());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(reason, result.Description);
        Assert.Equal(2, result.Data["activeSilos"]);
    }

    [Fact]
    public async Task An_unhealthy_cluster_report_is_a_503_naming_the_reason()
    {
        var (active, grainProblem, recordProblem) = (true, "connection refused", "no answer within 3 s");
        const string reason = "grain storage: connection refused; record store: no answer within 3 s";
        await using var silo = new TestSilo<Program>();
        await using var failing = silo.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IClusterHealth>(new FixedClusterHealth(new ClusterHealthReport(active, 1, grainProblem, recordProblem)))));
        using var client = failing.CreateClient();

        // Until the silo is active the reason is that it is starting; then it is the report's.
        var (status, report) = await Eventually.Until(async () =>
        {
            using var response = await client.GetAsync("/readyz");
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }, r => r.Item2.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString() != "The silo is still starting.", "the silo to finish starting");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Contains(reason, report.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private sealed class Ready : ISiloReadiness
    {
        public bool IsReady => true;
    }

    private sealed class FixedClusterHealth(ClusterHealthReport report) : IClusterHealth
    {
        public Task<ClusterHealthReport> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(report);
    }
}
