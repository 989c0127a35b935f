using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Adds the dedicated HTTP/2-only gRPC listener to Kestrel.</summary>
internal sealed class GrpcKestrelSetup(
    IOptions<NotificationGrpcOptions> options,
    IConfiguration configuration,
    GrpcListenerRegistry registry) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        registry.Reset();
        KeepHostingUrls(kestrel);

        var grpc = options.Value;
        foreach (var url in GrpcUrls.Split(grpc.Urls))
        {
            if (!GrpcUrls.TryParse(url, out var address, out var error))
            {
                throw new InvalidOperationException($"Grpc:Urls entry '{url}' is invalid: {error}");
            }

            Listen(kestrel, address, listener =>
            {
                // h2c with prior knowledge needs Http2 alone: Kestrel cannot sniff the protocol on cleartext.
                listener.Protocols = HttpProtocols.Http2;
                if (address.Https)
                {
                    if (grpc.CertificatePath is { Length: > 0 } path)
                    {
                        listener.UseHttps(path, grpc.CertificatePassword);
                    }
                    else
                    {
                        listener.UseHttps();
                    }
                }

                listener.Use(next => connection =>
                {
                    connection.Features.Set(GrpcConnectionFeature.Instance);
                    return next(connection);
                });
                registry.Add(listener, address.Https);
            });
        }
    }

    /// <summary>
    /// Kestrel ignores the "urls" setting (ASPNETCORE_URLS, --urls) as soon as any listener is configured in code,
    /// so adding the gRPC listener would silently move REST. Re-add those addresses unless Kestrel:Endpoints
    /// configures the REST listeners explicitly.
    /// </summary>
    private void KeepHostingUrls(KestrelServerOptions kestrel)
    {
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return;
        }

        var urls = GrpcUrls.Split(configuration["urls"]).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange(GrpcUrls.Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
            urls.AddRange(GrpcUrls.Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        }

        if (urls.Count == 0)
        {
            urls.Add("http://localhost:5000");
        }

        foreach (var url in urls)
        {
            if (!GrpcUrls.TryParse(url, out var address, out var error))
            {
                throw new InvalidOperationException($"Hosting URL '{url}' is invalid: {error}");
            }

            Listen(kestrel, address, listener =>
            {
                if (address.Https)
                {
                    listener.UseHttps();
                }
            });
        }
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address, Action<ListenOptions> configure)
    {
        if (address.IsLocalhost)
        {
            // Kestrel refuses a dynamic port on "localhost" (two sockets could not share it); use IPv4 loopback.
            if (address.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0, configure);
            }
            else
            {
                kestrel.ListenLocalhost(address.Port, configure);
            }
        }
        else if (address.IsAnyIp)
        {
            kestrel.ListenAnyIP(address.Port, configure);
        }
        else
        {
            kestrel.Listen(address.Ip!, address.Port, configure);
        }
    }
}
