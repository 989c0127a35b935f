using System.Net;
using Microsoft.Extensions.Options;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector:4317")]
    [InlineData("Telemetry:PrometheusPath", "metrics")]
    [InlineData("Telemetry:PrometheusPath", "/api/v1/metrics")]
    [InlineData("Telemetry:TraceSampleRatio", "1.5")]
    public async Task Silo_refuses_to_start_with_a_bad_telemetry_setting_and_names_it_and_the_value(string key, string value)
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
        Assert.Contains(value, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_admin_access_the_scrape_needs_an_admin_key()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Telemetry:PrometheusAccess"] = "Admin" });
        await factory.WaitUntilReadyAsync();
        using var anonymous = factory.CreateClient(bearer: null);
        using var admin = factory.CreateClient(TestSilo<Program>.BootstrapKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        var scrape = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_can_be_turned_off()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Telemetry:PrometheusEnabled"] = "false" });
        await factory.WaitUntilReadyAsync();
        using var anonymous = factory.CreateClient(bearer: null);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);
    }
}
