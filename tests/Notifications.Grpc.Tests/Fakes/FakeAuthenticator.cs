using Notifications.Api;
using Notifications.Gateway.Auth;

namespace Notifications.Grpc.Tests.Fakes;

/// <summary>Fixed credentials: "Bearer key-send|key-manage|key-admin" are API keys, "Bearer user-&lt;id&gt;" a user token.</summary>
internal sealed class FakeAuthenticator : ICallerAuthenticator
{
    /// <summary>"key-send" may make 20 calls at once and then hardly any more: a test can run it dry.</summary>
    public static readonly ProducerQuota SendKeyQuota = new(RequestsPerSecond: 1, Burst: 20);

    public ValueTask<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<Caller?>(null);
        }

        var token = authorization[prefix.Length..];
        Caller? caller = token switch
        {
            "key-send" => new Caller("k-send", new HashSet<string> { Scopes.Send }, null) { Quota = SendKeyQuota },
            "key-send-2" => new Caller("k-send-2", new HashSet<string> { Scopes.Send }, null),
            "key-manage" => new Caller("k-manage", new HashSet<string> { Scopes.Manage }, null),
            "key-admin" => new Caller("k-admin", new HashSet<string> { Scopes.Admin }, null),
            _ when token.StartsWith("user-", StringComparison.Ordinal) => new Caller(null, new HashSet<string>(), token["user-".Length..]),
            _ => null,
        };
        return ValueTask.FromResult(caller);
    }

    /// <summary>The gRPC surface never sees console sessions.</summary>
    public ValueTask<Caller?> AuthenticateKeyHashAsync(string keyId, string keyHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Caller?>(null);
}
