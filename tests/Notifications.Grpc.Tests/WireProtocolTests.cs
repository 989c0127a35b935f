using Grpc.Core;
using System.Net;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>
/// Hand-made HTTP/2 requests: the framing rules of PROTOCOL-HTTP2 as grpc-dotnet serves them, and hostile input. A
/// request the server cannot read is the client's fault: INVALID_ARGUMENT (never INTERNAL or UNKNOWN, never a 5xx),
/// and nothing changes.
/// </summary>
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
    public async Task Grpc_plus_proto_content_type_is_accepted()
    {
        var response = await PostAsync(ValidSend, "application/grpc+proto");
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(1, _server.Backend.SendCount);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/grpc-web")]
    [InlineData(null)]
    public async Task Other_content_types_get_415_and_invalid_argument(string? contentType)
    {
        var response = await PostAsync(ValidSend, contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Other_http_methods_are_refused_with_a_4xx()
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, new HttpMethod("BREW") })
        {
            var response = await RawGrpc.SendAsync(_server.Http, _server.GrpcAddress, RawGrpc.SendPath, ValidSend, headers: Producer, method: method);
            Assert.InRange((int)response.HttpStatus, 400, 499);
        }

        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented_as_trailers_only()
    {
        var response = await PostAsync(ValidSend, path: "/notifications.v1.NotificationGateway/Nope");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);

        var unknownService = await PostAsync(ValidSend, path: "/nope.v1.Nothing/Send");
        Assert.True(unknownService.IsTrailersOnly);
        Assert.Equal((int)StatusCode.Unimplemented, unknownService.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_body_ending_inside_the_prefix_is_invalid_argument()
    {
        var response = await PostAsync([0, 0, 0]);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_body_ending_inside_the_message_is_invalid_argument()
    {
        var frame = ValidSend;
        var response = await PostAsync(frame[..^3]);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task No_message_at_all_is_invalid_argument()
    {
        var response = await PostAsync([]);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Two_messages_for_a_unary_method_are_invalid_argument()
    {
        var response = await PostAsync([.. ValidSend, .. ValidSend]);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Contains("Additional data", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_compressed_flag_other_than_0_or_1_is_invalid_argument()
    {
        var frame = ValidSend;
        frame[0] = 7;
        var response = await PostAsync(frame);
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Contains("well-formed", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_is_invalid_argument()
    {
        var response = await PostAsync(RawGrpc.Frame(new SendRequest { UserId = "alice", Type = "t" }, compress: true));
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_payload_that_is_not_protobuf_is_invalid_argument()
    {
        var response = await PostAsync(RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Grpc_message_is_percent_encoded_utf8()
    {
        var request = new UpdatePreferencesRequest { UserId = "alice", Preferences = new Preferences { Channels = { ["Ünïcode%"] = true } } };
        var raw = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, "/notifications.v1.NotificationGateway/UpdatePreferences", RawGrpc.Frame(request),
            headers: new Dictionary<string, string> { ["authorization"] = "Bearer user-alice" });
        Assert.Equal((int)StatusCode.InvalidArgument, raw.GrpcStatus);
        var header = raw.Headers["grpc-message"];
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
        Assert.Contains("%C3%9C", header);
        Assert.Contains("%25", header);
        Assert.Contains("'Ünïcode%'", Uri.UnescapeDataString(header));
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
        Assert.Equal(HttpStatusCode.NotFound, restOnGrpc.HttpStatus);
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
