using System.Net;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Parses listener addresses the way ASP.NET Core's "urls" setting reads them.</summary>
internal static class GrpcUrls
{
    public static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool TryParse(string url, out ListenAddress address, out string error)
    {
        address = default;
        // "*" and "+" mean every interface; Uri does not accept them as hosts.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            error = "not an absolute URL";
            return false;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            error = "the scheme must be http (cleartext HTTP/2) or https";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = "a path or query is not allowed";
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        IPAddress? ip;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = null;
        }
        else if (!IPAddress.TryParse(host, out ip))
        {
            // Like Kestrel: a host name binds every interface.
            ip = IPAddress.IPv6Any;
        }

        address = new ListenAddress(uri.Scheme == "https", host, uri.Port, ip);
        error = "";
        return true;
    }
}
