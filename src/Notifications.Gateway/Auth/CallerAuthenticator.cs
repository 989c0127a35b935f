using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Notifications.Application;

namespace Notifications.Gateway.Auth;

internal sealed class CallerAuthenticator(IApiKeyService keys, UserTokenService tokens, IOptions<AuthOptions> options) : ICallerAuthenticator
{
    internal const string BootstrapKeyId = "bootstrap";
    private const string BearerScheme = "Bearer";

    private static readonly FrozenSet<string> BootstrapScopes = new[] { Scopes.Admin }.ToFrozenSet(StringComparer.Ordinal);

    public async ValueTask<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        var credential = ReadBearer(authorization);
        if (credential is null)
        {
            return null;
        }
        if (options.Value.BootstrapKey is { Length: > 0 } bootstrap && ApiKeySecret.FixedTimeEquals(credential, bootstrap))
        {
            return new Caller(BootstrapKeyId, BootstrapScopes, null);
        }
        if (credential.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal))
        {
            // Looked up on every request so a revocation takes effect at once on every silo.
            var key = await keys.FindByHashAsync(ApiKeySecret.Hash(credential), cancellationToken).ConfigureAwait(false);
            return key is null || key.RevokedAt is not null
                ? null
                : new Caller(key.Id, key.Scopes.ToFrozenSet(StringComparer.Ordinal), null);
        }
        if (credential.AsSpan().Count('.') == 2)
        {
            var userId = await tokens.ValidateAsync(credential, cancellationToken).ConfigureAwait(false);
            return userId is null ? null : new Caller(null, FrozenSet<string>.Empty, userId);
        }
        return null;
    }

    public async ValueTask<Caller?> AuthenticateKeyHashAsync(string keyId, string keyHash, CancellationToken cancellationToken)
    {
        if (keyId == BootstrapKeyId)
        {
            return options.Value.BootstrapKey is { Length: > 0 } bootstrap && ApiKeySecret.FixedTimeEquals(keyHash, ApiKeySecret.Hash(bootstrap))
                ? new Caller(BootstrapKeyId, BootstrapScopes, null)
                : null;
        }
        var key = await keys.FindByHashAsync(keyHash, cancellationToken).ConfigureAwait(false);
        return key is null || key.RevokedAt is not null || key.Id != keyId
            ? null
            : new Caller(key.Id, key.Scopes.ToFrozenSet(StringComparer.Ordinal), null);
    }

    private static string? ReadBearer(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }
        var text = authorization.AsSpan().Trim();
        if (text.Length <= BearerScheme.Length
            || !text.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(text[BearerScheme.Length]))
        {
            return null;
        }
        var credential = text[BearerScheme.Length..].Trim();
        return credential.IsEmpty ? null : credential.ToString();
    }
}
