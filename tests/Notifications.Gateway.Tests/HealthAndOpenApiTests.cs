using System.Net;
using System.Text.Json;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests;

public sealed class HealthAndOpenApiTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_200_without_any_credential()
    {
        using var client = silo.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        // The fixture waited for readiness; it must stay ready.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served_anonymously_and_describes_every_endpoint_group_and_the_bearer_scheme()
    {
        using var client = silo.Client();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/notifications", "/api/v1/notifications/batch", "/api/v1/notifications/{id}",
            "/api/v1/users/{userId}", "/api/v1/users/{userId}/preferences", "/api/v1/users/{userId}/devices",
            "/api/v1/users/{userId}/devices/{deviceId}", "/api/v1/users/{userId}/tokens",
            "/api/v1/users/{userId}/notifications", "/api/v1/users/{userId}/notifications/{id}",
            "/api/v1/users/{userId}/notifications/read-all", "/api/v1/users/{userId}/notifications/stream",
            "/api/v1/users/{userId}/notifications/counts", "/api/v1/users/{userId}/notifications/seen",
            "/api/v1/users/{userId}/notifications/bulk", "/api/v1/users/{userId}/notifications/{id}/actions/{actionId}",
            "/api/v1/templates", "/api/v1/templates/{type}", "/api/v1/admin/api-keys", "/api/v1/admin/api-keys/{id}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"The OpenAPI document lacks {path}");
        }
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var client = silo.Client(silo.AdminKey);
        await Json.ProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
    }
}
