using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Notifications.Grpc.Tests.Infrastructure;

namespace Notifications.Grpc.Tests;

/// <summary>grpc-dotnet's own reflection client (Grpc.Reflection) discovers what we serve, as grpcurl would.</summary>
public sealed class ReflectionTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reflection_lists_every_service_and_describes_their_files()
    {
        using var channel = GrpcChannel.ForAddress(_server.GrpcAddress, new GrpcChannelOptions { HttpClient = _server.Http });
        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("notifications.v1.NotificationGateway", services);
        Assert.Contains("notifications.v1.NotificationAdmin", services);
        Assert.Contains("notifications.v1.NotificationCampaigns", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "notifications.v1.NotificationAdmin" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes))
            .ToList();
        var admin = Assert.Single(files, f => f.Name == "notifications/v1/notification_admin.proto");
        Assert.Contains(admin.Service.Single().Method, m => m.Name == "CreateApiKey");
        await call.RequestStream.CompleteAsync();
    }
}
