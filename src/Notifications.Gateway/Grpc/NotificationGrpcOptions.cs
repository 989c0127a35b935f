namespace Notifications.Gateway.Grpc;

/// <summary>The gRPC listener, bound from the "Grpc" configuration section.</summary>
public sealed class NotificationGrpcOptions
{
    public const string SectionName = "Grpc";

    /// <summary>
    /// ';'-separated addresses of the dedicated HTTP/2 endpoint, e.g. "http://0.0.0.0:5081". http means
    /// cleartext HTTP/2 with prior knowledge; https negotiates h2 by ALPN. Port 0 picks a free port.
    /// </summary>
    public string Urls { get; set; } = "http://localhost:5081";

    /// <summary>PFX file for https addresses; without it Kestrel's default certificate is used.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Largest request message accepted, after decompression. gRPC's customary default is 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Compress responses with gzip whenever the client accepts it, not only when it compressed its request.</summary>
    public bool CompressResponses { get; set; }

    /// <summary>How often health Watch re-evaluates the silo's health checks.</summary>
    public TimeSpan HealthPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
