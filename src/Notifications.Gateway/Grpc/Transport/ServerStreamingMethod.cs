using Google.Protobuf;

namespace Notifications.Gateway.Grpc.Transport;

internal sealed class ServerStreamingMethod<TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCall, IAsyncEnumerable<TResponse>> handler) : IGrpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public string Path { get; } = path;

    public async Task InvokeAsync(GrpcCall call)
    {
        var request = await call.ReadRequestAsync(parser);
        await foreach (var response in handler(request, call).WithCancellation(call.CancellationToken))
        {
            await call.WriteMessageAsync(response);
        }
    }
}
