using System.IO.Compression;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Grpc:* size and compression settings onto grpc-dotnet's options.</summary>
internal sealed class GrpcServiceOptionsSetup(IOptions<NotificationGrpcOptions> options) : IConfigureOptions<GrpcServiceOptions>
{
    public void Configure(GrpcServiceOptions grpc)
    {
        var settings = options.Value;
        grpc.MaxReceiveMessageSize = settings.MaxReceiveMessageSize;
        grpc.MaxSendMessageSize = settings.MaxSendMessageSize;
        if (settings.CompressResponses)
        {
            grpc.ResponseCompressionAlgorithm = "gzip";
            grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
        }
    }
}
