using Grpc.Core;
using System.Text;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

public sealed class CompressionAndSizeTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Producer = new() { ["authorization"] = "Bearer key-send" };
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Grpc:MaxReceiveMessageSize"] = "4096",
        ["Grpc:MaxSendMessageSize"] = "4096",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Dictionary<string, string> With(string name, string value) => new(Producer) { [name] = value };

    private static SendRequest Inline(string body) => new() { UserId = "alice", Content = new InlineContent { Title = "t", Body = body } };

    [Fact]
    public async Task A_gzip_request_is_decompressed_and_accepted()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline(new string('a', 3000)), compress: true),
            headers: With("grpc-encoding", "gzip"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(1, _server.Backend.SendCount);
    }

    [Fact]
    public async Task With_compress_responses_a_client_accepting_gzip_is_answered_in_gzip()
    {
        await using var server = await GrpcTestServer.StartAsync(new Dictionary<string, string?> { ["Grpc:CompressResponses"] = "true" });
        var response = await RawGrpc.SendAsync(
            server.Http, server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline("x")),
            headers: new Dictionary<string, string>(Producer) { ["grpc-accept-encoding"] = "identity,gzip" });

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("gzip", response.Headers["grpc-encoding"]);
        var (flag, payload) = Assert.Single(RawGrpc.Messages(response.Body));
        Assert.Equal(1, flag);
        using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(payload), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gunzip.CopyToAsync(plain);
        Assert.Equal("accepted", SendResponse.Parser.ParseFrom(plain.ToArray()).Status);
    }

    [Fact]
    public async Task An_uncompressed_message_in_a_gzip_call_is_fine()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline("x")), headers: With("grpc-encoding", "gzip"));
        Assert.Equal(0, response.GrpcStatus);
    }

    [Fact]
    public async Task Identity_requests_get_identity_answers()
    {
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline("x")), headers: Producer);
        Assert.False(response.Headers.ContainsKey("grpc-encoding"));
        Assert.Equal(0, Assert.Single(RawGrpc.Messages(response.Body)).Flag);
    }

    [Fact]
    public async Task An_unknown_encoding_is_unimplemented_and_names_the_accepted_ones()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline("x"), compress: true), headers: With("grpc-encoding", "br"));
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal("identity,gzip,deflate", response.Headers["grpc-accept-encoding"]);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Corrupt_gzip_is_invalid_argument()
    {
        var frame = RawGrpc.Frame(Encoding.ASCII.GetBytes("definitely not gzip"));
        frame[0] = 1;
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, frame, headers: With("grpc-encoding", "gzip"));
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_message_over_the_receive_limit_is_resource_exhausted()
    {
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline(new string('a', 5000))), headers: Producer);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("exceeds the maximum configured message size", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task The_limit_is_checked_from_the_prefix_before_the_body_arrives()
    {
        // Claims 1 GiB and sends 10 bytes: refused on the declared length, not after buffering.
        var frame = new byte[] { 0, 0x40, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, frame, headers: Producer);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
    }

    [Fact]
    public async Task A_small_gzip_bomb_is_stopped_at_the_limit_after_decompression()
    {
        var bomb = Inline(new string('z', 1_000_000));
        var frame = RawGrpc.Frame(bomb, compress: true);
        Assert.True(frame.Length < 4096);
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, frame, headers: With("grpc-encoding", "gzip"));
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("exceeds the maximum configured message size", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_response_over_the_send_limit_is_resource_exhausted()
    {
        for (var i = 0; i < 3; i++)
        {
            var ok = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(Inline(new string('b', 2000))), headers: Producer);
            Assert.Equal(0, ok.GrpcStatus);
        }

        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, "/notifications.v1.NotificationGateway/ListInbox", RawGrpc.Frame(new ListInboxRequest { UserId = "alice" }),
            headers: new Dictionary<string, string> { ["authorization"] = "Bearer user-alice" });
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("Sending message exceeds the maximum configured message size", response.GrpcMessage);
    }

    [Fact]
    public async Task Large_messages_within_the_default_limit_pass_http2_flow_control()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var body = new string('c', 3 * 1024 * 1024);
        var sent = await server.Client.SendAsync(Inline(body), Notifications.Client.GrpcCallOptions.Bearer("key-send"));
        var view = await server.Client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, Notifications.Client.GrpcCallOptions.Bearer("key-send"));
        Assert.Equal(body.Length, view.Body.Length);
    }
}
