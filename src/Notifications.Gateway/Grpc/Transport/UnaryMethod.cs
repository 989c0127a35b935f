using Google.Protobuf;

namespace Notifications.Gateway.Grpc.Transport;

internal sealed class UnaryMethod<TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCall, Task<TResponse>> handler) : IGrpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public string Path { get; } = path;

    public async Task InvokeAsync(GrpcCall call)
    {
        var request = await call.ReadRequestAsync(parser);
        var response = await handler(request, call);
        await call.WriteMessageAsync(response);
    }
}
