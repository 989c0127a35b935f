using System.Security.Claims;

namespace Notifications.Gateway.Auth;

/// <summary>Carries the authenticated <see cref="Caller"/> through ASP.NET Core's principal, with claims for logs and policies.</summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "key_id";

    public CallerIdentity(Caller caller)
        : base(ClaimsOf(caller), CallerAuthenticationHandler.SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role)
    {
        Caller = caller;
    }

    public Caller Caller { get; }

    private static IEnumerable<Claim> ClaimsOf(Caller caller)
    {
        if (caller.UserId is not null)
        {
            yield return new Claim(ClaimTypes.NameIdentifier, caller.UserId);
        }
        if (caller.ApiKeyId is not null)
        {
            yield return new Claim(KeyIdClaim, caller.ApiKeyId);
            yield return new Claim(ClaimTypes.NameIdentifier, "key:" + caller.ApiKeyId);
        }
        foreach (var scope in caller.Scopes)
        {
            yield return new Claim(ScopeClaim, scope);
        }
    }
}
