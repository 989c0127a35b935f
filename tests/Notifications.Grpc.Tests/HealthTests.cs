using Grpc.Core;
using Grpc.Health.V1;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Notifications.Grpc.Tests;

public sealed class HealthTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("notifications.v1.NotificationGateway")]
    [InlineData("notifications.v1.NotificationAdmin")]
    [InlineData("notifications.v1.NotificationCampaigns")]
    [InlineData("grpc.health.v1.Health")]
    public async Task Check_reports_serving_without_credentials(string service)
    {
        var response = await _server.Client.CheckHealthAsync(service);
        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_reports_not_serving_while_the_silo_is_not_ready()
    {
        _server.Backend.Ready = false;
        Assert.Equal(ServingStatus.NotServing, (await _server.Client.CheckHealthAsync()).Status);
        Assert.Equal(ServingStatus.NotServing, (await _server.Client.CheckHealthAsync("notifications.v1.NotificationGateway")).Status);
        _server.Backend.Ready = true;
        Assert.Equal(ServingStatus.Serving, (await _server.Client.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _server.Client.CheckHealthAsync("nope.Service"));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_service_unknown_and_stays_open()
    {
        using var cts = new CancellationTokenSource();
        await using var updates = _server.Client.WatchHealthAsync("nope.Service", cancellationToken: cts.Token).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.ServiceUnknown, updates.Current.Status);
        cts.Cancel();
    }

    [Fact]
    public async Task Watch_sends_serving_then_not_serving_when_the_host_stops()
    {
        await using var updates = _server.Client.WatchHealthAsync().GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.Serving, updates.Current.Status);

        var stopping = _server.App.StopAsync();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, updates.Current.Status);
        await updates.DisposeAsync();
        await stopping;
    }
}
