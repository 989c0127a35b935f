namespace Notifications.Gateway.Auth;

/// <summary>Producer keys and end-user tokens. Bound from the "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The shortest lifetime a user token may be issued for; shorter ones would expire in transit.</summary>
    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="MaxTokenLifetime"/> an operator may configure.</summary>
    public static readonly TimeSpan MaxConfigurableTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// An admin credential taken from configuration so a fresh silo can create its first API keys.
    /// Never stored; optional, but at least 16 characters when set.
    /// </summary>
    public string? BootstrapKey { get; set; }

    /// <summary>
    /// HS256 key for user tokens (UTF-8, at least 32 bytes). When absent, one is generated once and kept in
    /// the settings store so every silo of a cluster signs and verifies with the same key.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Lifetime of a user token whose request names none.</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a caller may ask for.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Issuer and audience written into user tokens and demanded back.</summary>
    public string TokenIssuer { get; set; } = "notification-silo";
}
