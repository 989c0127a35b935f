using System.Net;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

public sealed class InboxAssetEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task The_bundle_is_served_anonymously_as_javascript_with_a_cache_header_and_an_etag()
    {
        using var client = silo.Client();
        using var response = await client.GetAsync("/inbox.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("notification-inbox", body, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "clients", "web", "dist", "inbox.js")), body);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/inbox.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task The_demo_page_is_served_anonymously_as_html_and_loads_the_bundle()
    {
        using var client = silo.Client();
        using var response = await client.GetAsync("/inbox-demo?userId=ada&token=t");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/inbox.js\"></script>", body, StringComparison.Ordinal);
        Assert.Contains("notification-inbox", body, StringComparison.Ordinal);
    }
}
