using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Validation;

namespace Notifications.Gateway.Auth;

/// <summary>Creates a producer key, for REST and gRPC alike: validated, its secret shown once, only its hash stored.</summary>
internal static class ApiKeyIssuer
{
    public static async Task<ApiKeyView> IssueAsync(CreateApiKeyRequest request, IApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (name, scopes, quota) = ApiKeyRequestValidator.Validate(request);
        var secret = ApiKeySecret.Generate();
        var record = new ApiKeyRecord("key_" + Guid.NewGuid().ToString("N"), name, ApiKeySecret.Hash(secret), scopes, time.GetUtcNow(), null) { Quota = quota };
        await keys.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return new ApiKeyView(record.Id, record.Name, record.Scopes, record.CreatedAt, secret, record.Quota);
    }
}
