using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Notifications.Grpc.Tests;

/// <summary>An https gRPC address: TLS with ALPN h2, using the configured certificate.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"grpc-tls-{Guid.NewGuid():N}.pfx");
    private X509Certificate2 _certificate = null!;
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        await File.WriteAllBytesAsync(_pfx, _certificate.Export(X509ContentType.Pfx, "test-password"));
        _server = await GrpcTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Grpc:Urls"] = "https://127.0.0.1:0",
            ["Grpc:CertificatePath"] = _pfx,
            ["Grpc:CertificatePassword"] = "test-password",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        File.Delete(_pfx);
    }

    [Fact]
    public async Task Calls_work_over_tls_with_the_configured_certificate()
    {
        Assert.Equal("https", _server.GrpcAddress.Scheme);
        var thumbprint = _certificate.Thumbprint;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        });
        var client = new NotificationGrpcClient(http, _server.GrpcAddress);

        Assert.Equal(ServingStatus.Serving, (await client.CheckHealthAsync()).Status);
        var sent = await client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, GrpcCallOptions.Bearer("key-send"));
        Assert.Equal("accepted", sent.Status);
    }
}
