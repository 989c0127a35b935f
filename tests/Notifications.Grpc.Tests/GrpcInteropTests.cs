using Notifications.Grpc.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Notifications.Grpc.Tests;

/// <summary>The independent client (@grpc/grpc-js) against our server, with the transport's test doubles behind it.</summary>
public sealed class GrpcInteropTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Grpc_js_interoperates_with_the_gateway()
    {
        await using var server = await GrpcTestServer.StartAsync();
        await NodeInteropSuite.RunAsync(server.GrpcAddress, new InteropCredentials("key-send", "key-manage", "alice", "user-alice", "user-bob"), output);
    }
}
