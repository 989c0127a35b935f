using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Auth:BootstrapKey", "too-short")]
    [InlineData("Auth:TokenSigningKey", "only-twenty-bytes!!!")]
    [InlineData("Auth:DefaultTokenLifetime", "00:00:10")]
    [InlineData("Auth:MaxTokenLifetime", "400.00:00:00")]
    public async Task Silo_refuses_to_start_with_bad_auth_option_and_says_which(string key, string value)
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(key, failure.Message);
    }

    [Fact]
    public async Task Silo_refuses_to_start_with_an_unsupported_storage_provider_and_names_it()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Storage:Provider"] = "Cassandra" });
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var message = failure.ToString();
        Assert.Contains("Storage:Provider", message);
        Assert.Contains("Cassandra", message);
    }

    [Fact]
    public async Task Silo_refuses_to_start_when_dashboard_enabled_is_not_a_boolean_and_names_it()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "sometimes" });
        var message = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();
        Assert.Contains("Dashboard:Enabled", message);
        Assert.Contains("sometimes", message);
    }

    [Fact]
    public async Task With_the_dashboard_switched_off_the_silo_serves_and_dashboard_is_not_found_even_for_an_operator()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "false" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSilo<Program>.BootstrapKey);
        await Eventually.Until(async () => (await client.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.OK, "ready");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/users/dave", new Model.UserProfile(), Json.Options)).StatusCode);
    }

    [Fact]
    public void Default_auth_options_are_valid_and_a_16_character_bootstrap_key_is_enough()
    {
        var validator = new AuthOptionsValidator();
        Assert.True(validator.Validate(null, new AuthOptions()).Succeeded);
        Assert.True(validator.Validate(null, new AuthOptions { BootstrapKey = new string('k', 16), TokenSigningKey = new string('s', 32) }).Succeeded);
        Assert.False(validator.Validate(null, new AuthOptions { BootstrapKey = new string('k', 15) }).Succeeded);
        Assert.False(validator.Validate(null, new AuthOptions { DefaultTokenLifetime = TimeSpan.FromDays(8) }).Succeeded);
    }

    [Fact]
    public async Task Configured_signing_key_signs_user_tokens_so_they_verify_with_it()
    {
        const string signingKey = "a-configured-signing-key-of-at-least-32-bytes";
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { ["Auth:TokenSigningKey"] = signingKey });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSilo<Program>.BootstrapKey);
        await Eventually.Until(async () => (await client.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.OK, "ready");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/users/carol", new Model.UserProfile(), Json.Options)).StatusCode);

        var issued = await Json.ReadAsync<IssuedToken>(await client.PostAsJsonAsync("/api/v1/users/carol/tokens", new IssueTokenRequest(null), Json.Options));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issued.Token, new TokenValidationParameters
        {
            ValidIssuer = "notification-silo",
            ValidAudience = "notification-silo/user",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("carol", ((JsonWebToken)result.SecurityToken).Subject);
    }
}
