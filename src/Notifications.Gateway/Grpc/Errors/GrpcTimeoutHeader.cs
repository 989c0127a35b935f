using System.Text.RegularExpressions;

namespace Notifications.Gateway.Grpc.Errors;

/// <summary>The grpc-timeout request header of PROTOCOL-HTTP2: TimeoutValue (at most 8 ASCII digits) then TimeoutUnit.</summary>
internal static partial class GrpcTimeoutHeader
{
    public const string Name = "grpc-timeout";

    public static bool IsWellFormed(string value) => Format().IsMatch(value);

    [GeneratedRegex("^[0-9]{1,8}[HMSmun]$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
