using System.Net;
using System.Net.Http.Headers;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>The defects the property suite found, pinned as examples of the wire behaviour that replaced them.</summary>
public sealed class HostileInputExamples(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_body_in_an_unknown_charset_is_415_not_500()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);

        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($$$"""{"userId":"{{{user}}}","content":{"title":"charset","body":"b"}}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=no-such-charset");
        var response = await client.PostAsync("/api/v1/notifications", content);

        var problem = await Json.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("no-such-charset", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await silo.InboxAfterMarkerAsync(user)).Notifications, n => n.Title == "charset");
    }

    [Theory]
    [InlineData("""{"userId":"u","content":12}""", "content", "content must be an object.")]
    [InlineData("""{"userId":7,"content":{"title":"t","body":"b"}}""", "userId", "userId must be a string.")]
    [InlineData("""{"userId":"u","priority":"urgent","content":{"title":"t","body":"b"}}""", "priority", "priority must be one of: critical, high, normal, bulk.")]
    [InlineData("""{"userId":"u","channels":"email","content":{"title":"t","body":"b"}}""", "channels", "channels must be an array.")]
    [InlineData("""{"userId":"u","data":["x"],"content":{"title":"t","body":"b"}}""", "data", "data must be an object.")]
    public async Task A_value_of_the_wrong_json_type_is_400_in_the_apis_terms(string body, string field, string message)
    {
        using var client = silo.Client(silo.SendKey);

        var problem = await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/notifications", Json.Raw(body)), field);

        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Notifications.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_400_naming_the_parameter()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.ManageKey);

        var problem = await Json.ValidationProblemAsync(await client.GetAsync($"/api/v1/users/{user}/notifications?limit=lots"), "limit");

        Assert.Equal("\"lots\" is not an integer in range.", problem.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Fact]
    public async Task A_missing_body_is_400_without_the_parameters_type()
    {
        using var client = silo.Client(silo.SendKey);
        using var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/notifications", empty), "body");

        Assert.DoesNotContain("SendNotificationRequest", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    [InlineData("MKCOL")]
    public async Task An_odd_method_is_405_problem_json_even_when_the_client_accepts_only_xml(string method)
    {
        using var client = silo.Client(silo.SendKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/notifications");
        request.Headers.Accept.ParseAdd("application/xml");

        var problem = await Json.ProblemAsync(await client.SendAsync(request), HttpStatusCode.MethodNotAllowed);

        Assert.Contains(method, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
