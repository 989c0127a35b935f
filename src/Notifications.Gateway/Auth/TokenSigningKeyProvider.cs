using Notifications.Application;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Notifications.Gateway.Auth;

/// <summary>
/// The user-token key: the configured one, or one generated on first use and kept in the settings store.
/// First writer wins there, so silos starting together still end up with one key.
/// </summary>
internal sealed class TokenSigningKeyProvider(IOptions<AuthOptions> options, ISiloSettings settings)
{
    internal const string SettingName = "auth.user-token-signing-key";
    private const int GeneratedKeyBytes = 32;

    private readonly Lock _gate = new();
    private Task<SymmetricSecurityKey>? _key;

    public Task<SymmetricSecurityKey> GetAsync(CancellationToken cancellationToken)
    {
        Task<SymmetricSecurityKey> key;
        lock (_gate)
        {
            // A failed load (store briefly unavailable) must not poison every later request.
            if (_key is null || _key.IsFaulted || _key.IsCanceled)
            {
                _key = LoadAsync();
            }
            key = _key;
        }
        return key.WaitAsync(cancellationToken);
    }

    private async Task<SymmetricSecurityKey> LoadAsync()
    {
        if (options.Value.TokenSigningKey is { Length: > 0 } configured)
        {
            return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
        }
        var candidate = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));
        var stored = await settings.GetOrAddAsync(SettingName, candidate, CancellationToken.None).ConfigureAwait(false);
        return new SymmetricSecurityKey(Base64Url.DecodeFromChars(stored));
    }
}
