namespace Notifications.Gateway.Grpc.Transport;

/// <summary>The message encodings this server speaks; anything else in grpc-encoding is answered UNIMPLEMENTED.</summary>
internal enum GrpcEncoding
{
    Identity,
    Gzip,
}
