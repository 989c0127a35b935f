using System.Net;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>What a hand-made HTTP/2 request got back, before any gRPC interpretation.</summary>
internal sealed record RawResponse(
    HttpStatusCode HttpStatus,
    Version Version,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Trailers,
    byte[] Body)
{
    /// <summary>From the trailers, or from the headers of a Trailers-Only response.</summary>
    public int? GrpcStatus =>
        (Trailers.TryGetValue("grpc-status", out var value) || Headers.TryGetValue("grpc-status", out value)) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string GrpcMessage =>
        Trailers.TryGetValue("grpc-message", out var value) || Headers.TryGetValue("grpc-message", out value) ? Uri.UnescapeDataString(value) : "";

    public bool IsTrailersOnly => Body.Length == 0 && Trailers.Count == 0 && Headers.ContainsKey("grpc-status");
}
