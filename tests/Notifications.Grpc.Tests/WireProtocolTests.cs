using System.Net;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>Hand-made HTTP/2 requests: the framing and protocol rules of PROTOCOL-HTTP2, and the spec's answers to violations.</summary>
public sealed class WireProtocolTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Producer = new() { ["authorization"] = "Bearer key-send" };
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static byte[] ValidSend => RawGrpc.Frame(new SendRequest { UserId = "alice", Type = "welcome" });

    private Task<RawResponse> PostAsync(byte[] body, string? contentType = "application/grpc", Dictionary<string, string>? headers = null, string path = RawGrpc.SendPath) =>
        RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, path, body, contentType, headers ?? Producer);

    [Fact]
    public async Task A_valid_call_gets_one_framed_message_and_status_trailers()
    {
        var response = await PostAsync(ValidSend);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("application/grpc", response.Headers["content-type"]);
        Assert.Equal("0", response.Trailers["grpc-status"]);
        var (flag, payload) = Assert.Single(RawGrpc.Messages(response.Body));
        Assert.Equal(0, flag);
        Assert.Equal("accepted", SendResponse.Parser.ParseFrom(payload).Status);
    }

    [Fact]
    public async Task Grpc_plus_proto_content_type_is_accepted_and_echoed()
    {
        var response = await PostAsync(ValidSend, "application/grpc+proto");
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("application/grpc+proto", response.Headers["content-type"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc+json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Other_content_types_get_415(string? contentType)
    {
        var response = await PostAsync(ValidSend, contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Get_is_refused()
    {
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, [], method: HttpMethod.Get);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.HttpStatus);
        Assert.Equal((int)GrpcStatusCode.Unimplemented, response.GrpcStatus);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented_as_trailers_only()
    {
        var response = await PostAsync(ValidSend, path: "/notifications.v1.NotificationGateway/Nope");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)GrpcStatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("/notifications.v1.NotificationGateway/Nope", response.GrpcMessage);
    }

    [Fact]
    public async Task A_body_ending_inside_the_prefix_is_internal()
    {
        var response = await PostAsync([0, 0, 0]);
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Contains("prefix", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_body_ending_inside_the_message_is_internal()
    {
        var frame = ValidSend;
        var response = await PostAsync(frame[..^3]);
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task No_message_at_all_is_a_cardinality_violation()
    {
        var response = await PostAsync([]);
        Assert.Equal((int)GrpcStatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Two_messages_for_a_unary_method_are_a_cardinality_violation()
    {
        var response = await PostAsync([.. ValidSend, .. ValidSend]);
        Assert.Equal((int)GrpcStatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_compressed_flag_other_than_0_or_1_is_internal()
    {
        var frame = ValidSend;
        frame[0] = 7;
        var response = await PostAsync(frame);
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_is_internal()
    {
        var response = await PostAsync(RawGrpc.Frame(new SendRequest { UserId = "alice", Type = "t" }, compress: true));
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_payload_that_is_not_protobuf_is_internal()
    {
        var response = await PostAsync(RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal((int)GrpcStatusCode.Internal, response.GrpcStatus);
        Assert.Contains("parse", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Grpc_message_is_percent_encoded_utf8()
    {
        var raw = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, "/notifications.v1.NotificationGateway/Ünïcode%", ValidSend, headers: Producer);
        Assert.Equal((int)GrpcStatusCode.Unimplemented, raw.GrpcStatus);
        var header = raw.Headers["grpc-message"];
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
        Assert.Contains("%C3%9C", header);
        Assert.Contains("%25", header);
        Assert.Contains("/Ünïcode%", Uri.UnescapeDataString(header));
    }

    [Fact]
    public async Task The_rest_listener_does_not_serve_grpc_and_the_grpc_listener_does_not_serve_rest()
    {
        // Cleartext REST listeners speak HTTP/1.1 only; even over HTTP/1.1 the gRPC path is unknown there.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            RawGrpc.SendAsync(_server.Http, _server.RestAddress, RawGrpc.SendPath, ValidSend, headers: Producer));
        var onRest = await RawGrpc.SendAsync(_server.Http, _server.RestAddress, RawGrpc.SendPath, ValidSend, headers: Producer, version: HttpVersion.Version11);
        Assert.Null(onRest.GrpcStatus);
        Assert.Equal(HttpStatusCode.NotFound, onRest.HttpStatus);

        var restOnGrpc = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, "/rest/ping", [], method: HttpMethod.Get);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, restOnGrpc.HttpStatus);
        Assert.Equal(0, _server.Backend.SendCount);

        using var rest = await _server.Http.GetAsync(new Uri(_server.RestAddress, "/rest/ping"));
        Assert.Equal("pong", await rest.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_grpc_listener_speaks_http2_only()
    {
        // Kestrel recognises an HTTP/1.x request on an HTTP/2-only endpoint and refuses it before any middleware.
        var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, ValidSend, headers: Producer, version: HttpVersion.Version11);
        Assert.Equal(HttpStatusCode.BadRequest, response.HttpStatus);
        Assert.Null(response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task The_bound_address_is_logged_at_start()
    {
        Assert.Contains(_server.Logs.Messages, m => m.Contains($"gRPC listening on {_server.GrpcAddress}", StringComparison.Ordinal));
    }
}
