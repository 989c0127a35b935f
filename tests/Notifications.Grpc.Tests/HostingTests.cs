using Microsoft.Extensions.Options;
using Notifications.Gateway.Grpc;
using Notifications.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Notifications.Grpc.Tests;

public sealed class HostingTests
{
    [Theory]
    [InlineData("Grpc:Urls", "ftp://0.0.0.0:5081", "Grpc:Urls entry 'ftp://0.0.0.0:5081'")]
    [InlineData("Grpc:Urls", " ; ", "at least one address")]
    [InlineData("Grpc:MaxReceiveMessageSize", "0", "Grpc:MaxReceiveMessageSize must be positive")]
    [InlineData("Grpc:CertificatePath", "/nonexistent.pfx", "does not exist")]
    public async Task Bad_options_fail_start_up_with_a_clear_message(string key, string value, string expected)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await GrpcTestServer.StartAsync(new Dictionary<string, string?> { [key] = value });
        });
        var validation = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        var result = new NotificationGrpcOptionsValidator().Validate(null, new NotificationGrpcOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(4 * 1024 * 1024, new NotificationGrpcOptions().MaxReceiveMessageSize);
    }

    [Fact]
    public async Task Several_grpc_addresses_can_be_bound()
    {
        await using var server = await GrpcTestServer.StartAsync(new Dictionary<string, string?> { ["Grpc:Urls"] = "http://127.0.0.1:0;http://127.0.0.1:0" });
        var registry = (Gateway.Grpc.Hosting.GrpcListenerRegistry)server.App.Services.GetService(typeof(Gateway.Grpc.Hosting.GrpcListenerRegistry))!;
        Assert.Equal(2, registry.BoundAddresses.Count);
        foreach (var address in registry.BoundAddresses)
        {
            Assert.NotEqual(0, address.Port);
            var client = new Notifications.Client.NotificationGrpcClient(server.Http, address);
            Assert.Equal(ServingStatus.Serving, (await client.CheckHealthAsync()).Status);
        }
    }
}
