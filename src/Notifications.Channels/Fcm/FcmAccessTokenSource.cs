using Google.Apis.Auth.OAuth2;

namespace Notifications.Channels.Fcm;

/// <summary>OAuth access tokens for the FCM scope; Google.Apis.Auth caches them and refreshes before expiry.</summary>
internal sealed class FcmAccessTokenSource
{
    internal const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly ServiceAccountCredential credential;

    public FcmAccessTokenSource(FcmServiceAccount account, TimeProvider time)
    {
        var initializer = new ServiceAccountCredential.Initializer(account.ClientEmail, account.TokenUri)
        {
            Scopes = [Scope],
            KeyId = account.PrivateKeyId,
            Clock = new GoogleClock(time),
            ProjectId = account.ProjectId,
        }.FromPrivateKey(account.PrivateKeyPem);
        credential = new ServiceAccountCredential(initializer);
    }

    public Task<string> GetAsync(CancellationToken cancellationToken)
        => credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>Forces a new exchange, for when FCM refused a token the cache still believed valid.</summary>
    public async Task<string> RefreshAsync(CancellationToken cancellationToken)
    {
        await credential.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        return credential.Token.AccessToken;
    }
}
