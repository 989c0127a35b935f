using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Grpc.Errors;

/// <summary>
/// grpc-dotnet answers a request it cannot read (a truncated frame, a bad compressed flag, bytes that are not the
/// method's protobuf, a second message on a unary call, a content-type that is not gRPC) with INTERNAL or UNKNOWN,
/// which says "the server failed". It was the client's request: the call never reached a handler and changed
/// nothing, so we answer INVALID_ARGUMENT with grpc-dotnet's own message.
/// </summary>
internal static class MalformedRequestStatus
{
    private const string StatusHeader = "grpc-status";
    private const string MessageHeader = "grpc-message";

    // What grpc-dotnet says when reading the request threw something other than an RpcException (a bad compressed flag, bad protobuf).
    private const string GenericMessage = "Exception was thrown by handler.";
    private static readonly object ParsedKey = new();

    /// <summary>Called once the request message was read and parsed: from here on a status is the handler's own.</summary>
    public static void MarkParsed(HttpContext context) => context.Items[ParsedKey] = true;

    public static void Watch(HttpContext context) => context.Response.OnStarting(static state =>
    {
        var http = (HttpContext)state;
        var headers = http.Response.Headers;
        // Only a Trailers-Only answer carries grpc-status in its headers: an error before any message was written.
        if (!http.Items.ContainsKey(ParsedKey) && headers[StatusHeader] is [var status] && status is "2" or "13")
        {
            headers[StatusHeader] = "3";
            if (headers[MessageHeader] == GenericMessage)
            {
                headers[MessageHeader] = "The request body is not one well-formed gRPC message of this method's request type.";
            }
        }

        return Task.CompletedTask;
    }, context);
}
