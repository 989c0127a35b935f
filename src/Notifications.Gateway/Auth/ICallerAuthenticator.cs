namespace Notifications.Gateway.Auth;

/// <summary>Turns a credential ("Bearer …" API key or user token) into a <see cref="Caller"/>. REST and gRPC share it.</summary>
public interface ICallerAuthenticator
{
    /// <summary>Null when the credential is missing, malformed, unknown, revoked or expired.</summary>
    ValueTask<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken);
}
