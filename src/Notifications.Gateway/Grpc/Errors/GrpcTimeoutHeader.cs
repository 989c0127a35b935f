using System.Text.RegularExpressions;

namespace Notifications.Gateway.Grpc.Errors;

/// <summary>The grpc-timeout request header of PROTOCOL-HTTP2: TimeoutValue (at most 8 ASCII digits) then TimeoutUnit.</summary>
internal static partial class GrpcTimeoutHeader
{
    public const string Name = "grpc-timeout";

    public static bool IsWellFormed(string value) => Format().IsMatch(value);

    /// <summary>A well-formed timeout shorter than .NET's 100 ns tick (0 of any unit, under 100n): it has passed when the call arrives.</summary>
    public static bool HasExpired(string value) =>
        IsWellFormed(value) && long.Parse(value.AsSpan(0, value.Length - 1), System.Globalization.CultureInfo.InvariantCulture) is var amount
        && (amount == 0 || (value[^1] == 'n' && amount < 100));

    [GeneratedRegex("^[0-9]{1,8}[HMSmun]$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
