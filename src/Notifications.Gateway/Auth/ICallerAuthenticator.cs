namespace Notifications.Gateway.Auth;

/// <summary>Turns a credential ("Bearer …" API key or user token) into a <see cref="Caller"/>. REST and gRPC share it.</summary>
public interface ICallerAuthenticator
{
    /// <summary>Null when the credential is missing, malformed, unknown, revoked or expired.</summary>
    ValueTask<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken);

    /// <summary>The producer key with this id and secret hash (a console session's), if it still exists unrevoked.</summary>
    ValueTask<Caller?> AuthenticateKeyHashAsync(string keyId, string keyHash, CancellationToken cancellationToken);
}
