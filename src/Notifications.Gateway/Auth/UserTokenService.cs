using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Notifications.Api;

namespace Notifications.Gateway.Auth;

/// <summary>
/// Issues and verifies end-user tokens: HS256 JWTs whose subject is the one user they reach. Verification is
/// Microsoft.IdentityModel's JsonWebTokenHandler, the same validator the JwtBearer handler wraps; JwtBearer itself is
/// not used because it would add code rather than remove it (a forwarding scheme beside API keys, a synchronous key
/// resolver over this store-backed key, events to keep the problem+json 401/403 and the query-token rule) and gRPC
/// authenticates through <see cref="ICallerAuthenticator"/>, outside ASP.NET Core's authentication.
/// </summary>
internal sealed class UserTokenService(TokenSigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Silos' clocks differ a little; a token is not refused for being "from the future" by less than this.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private string Audience => options.Value.TokenIssuer + "/user";

    public async Task<IssuedToken> IssueAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.TokenIssuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        // JWT times are whole seconds; report the instant the token really stops working.
        return new IssuedToken(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>The user id of a genuine, unexpired token; otherwise null.</summary>
    public async Task<string?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.TokenIssuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            // Lifetime is checked below against the injected clock rather than the library's DateTime.UtcNow.
            ValidateLifetime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrEmpty(jwt.Subject))
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (now >= jwt.ValidTo || (jwt.ValidFrom != DateTime.MinValue && now + ClockSkew < jwt.ValidFrom))
        {
            return null;
        }
        return jwt.Subject;
    }
}
