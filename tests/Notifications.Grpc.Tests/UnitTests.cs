using System.Net;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Hosting;
using Notifications.Gateway.Grpc.Mapping;

namespace Notifications.Grpc.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("notifications[3].userId", "notifications[3].user_id")]
    [InlineData("preferences.quietHours.start", "preferences.quiet_hours.start")]
    [InlineData("digestWindowSeconds", "digest_window_seconds")]
    [InlineData("limit", "limit")]
    public void Json_field_paths_become_proto_field_paths(string json, string proto) =>
        Assert.Equal(proto, GrpcFieldPath.ToProto(json));

    [Theory]
    [InlineData("http://localhost:5081", false, "localhost", 5081)]
    [InlineData("https://127.0.0.1:0", true, "127.0.0.1", 0)]
    [InlineData("http://*:5081", false, "0.0.0.0", 5081)]
    [InlineData("http://+:5081", false, "0.0.0.0", 5081)]
    [InlineData("http://[::]:5081", false, "::", 5081)]
    [InlineData("http://silo.internal:5081", false, "silo.internal", 5081)]
    public void Listener_urls_parse_like_aspnet_urls(string url, bool https, string host, int port)
    {
        Assert.True(GrpcUrls.TryParse(url, out var address, out var error), error);
        Assert.Equal(https, address.Https);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Fact]
    public void Localhost_and_any_ip_are_told_apart()
    {
        Assert.True(GrpcUrls.TryParse("http://localhost:1", out var localhost, out _));
        Assert.True(localhost.IsLocalhost);
        Assert.True(GrpcUrls.TryParse("http://*:1", out var any, out _));
        Assert.True(any.IsAnyIp);
        Assert.True(GrpcUrls.TryParse("http://10.0.0.5:1", out var ip, out _));
        Assert.Equal(IPAddress.Parse("10.0.0.5"), ip.Ip);
        Assert.False(ip.IsAnyIp || ip.IsLocalhost);
    }

    [Theory]
    [InlineData("ftp://host:1")]
    [InlineData("http://host:1/path")]
    [InlineData("not a url")]
    public void Bad_listener_urls_are_refused(string url) => Assert.False(GrpcUrls.TryParse(url, out _, out _));

    [Theory]
    [InlineData("1H")]
    [InlineData("2M")]
    [InlineData("3S")]
    [InlineData("250m")]
    [InlineData("7u")]
    [InlineData("0n")]
    [InlineData("99999999H")]
    public void Grpc_timeouts_of_every_unit_are_well_formed(string value) => Assert.True(GrpcTimeoutHeader.IsWellFormed(value));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("5s")]
    [InlineData("5 S")]
    [InlineData("soon")]
    public void Malformed_grpc_timeouts_are_not(string value) => Assert.False(GrpcTimeoutHeader.IsWellFormed(value));
}
