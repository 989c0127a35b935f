using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grpc.Core;
using Notifications.Grpc.Tests.Infrastructure;

namespace Notifications.Grpc.Tests;

/// <summary>
/// Whatever bytes arrive as a request body, the answer is a gRPC status the client is to blame for (or OK), never
/// INTERNAL, UNKNOWN or an HTTP 5xx, and no notification is created.
/// </summary>
public sealed class RandomBodyPropertyTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Producer = new() { ["authorization"] = "Bearer key-send" };

    private static readonly string[] Paths =
    [
        RawGrpc.SendPath,
        "/notifications.v1.NotificationGateway/SendBatch",
        "/notifications.v1.NotificationGateway/GetNotification",
        "/notifications.v1.NotificationAdmin/CreateApiKey",
        RawGrpc.WatchInboxPath,
    ];

    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(new Dictionary<string, string?> { ["Grpc:MaxReceiveMessageSize"] = "65536" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Plain noise, and noise behind a plausible prefix (any flag, a length that may or may not match) so the parser is reached too.</summary>
    private static Arbitrary<byte[]> Bodies()
    {
        var noise = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var framed =
            from flag in Gen.Elements<byte>(0, 0, 0, 1, 2, 0x80, 0xFF)
            from payload in noise
            from lengthDelta in Gen.Elements(0, 0, 0, -1, 1, 1 << 20, int.MaxValue)
            select Frame(flag, payload, lengthDelta);
        return Gen.OneOf(noise, framed).ToArbitrary();
    }

    private static byte[] Frame(byte flag, byte[] payload, int lengthDelta)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), unchecked((uint)(payload.Length + lengthDelta)));
        payload.CopyTo(frame, 5);
        return frame;
    }

    [Property(MaxTest = 300)]
    public Property Random_bodies_never_yield_a_server_error_nor_a_notification() =>
        Prop.ForAll(Bodies(), Gen.Elements(Paths).ToArbitrary(), (body, path) =>
        {
            // Off the test's synchronisation context: FsCheck properties are synchronous.
            var response = Task.Run(() => RawGrpc.SendAsync(
                _server.Http, _server.GrpcAddress, path, body, headers: Producer,
                cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token)).GetAwaiter().GetResult();
            var status = response.GrpcStatus;
            return ((int)response.HttpStatus < 500
                    && status is not null
                    && status != (int)StatusCode.Internal
                    && status != (int)StatusCode.Unknown
                    && _server.Backend.SendCount == 0)
                .Label($"{path} answered HTTP {(int)response.HttpStatus}, grpc-status {status} '{response.GrpcMessage}'; sends {_server.Backend.SendCount}");
        });
}
