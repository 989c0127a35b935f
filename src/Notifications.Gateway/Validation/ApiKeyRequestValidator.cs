using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Validation;

internal static class ApiKeyRequestValidator
{
    private const int MaxNameLength = 100;
    internal const int MaxRequestsPerSecond = 100_000;
    internal const long MaxRequestsPerDay = 10_000_000_000;

    /// <summary>The trimmed name, the distinct scopes and the quota (burst filled in) of a valid request.</summary>
    public static (string Name, IReadOnlyList<string> Scopes, ProducerQuota? Quota) Validate(CreateApiKeyRequest request)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new ValidationFailedException("name", $"Required: 1 to {MaxNameLength} characters naming who uses the key.");
        }
        if (request.Scopes is null || request.Scopes.Count == 0)
        {
            throw new ValidationFailedException("scopes", $"At least one of {string.Join(", ", Auth.Scopes.All)}.");
        }
        for (var i = 0; i < request.Scopes.Count; i++)
        {
            if (!Auth.Scopes.All.Contains(request.Scopes[i], StringComparer.Ordinal))
            {
                throw new ValidationFailedException($"scopes[{i}]", $"Unknown scope \"{request.Scopes[i]}\"; expected one of {string.Join(", ", Auth.Scopes.All)}.");
            }
        }
        return (name, request.Scopes.Distinct(StringComparer.Ordinal).ToArray(), Validate(request.Quota));
    }

    private static ProducerQuota? Validate(ProducerQuota? quota)
    {
        if (quota is null || quota == new ProducerQuota())
        {
            return null;
        }
        if (quota.RequestsPerSecond is { } rate && rate is < 1 or > MaxRequestsPerSecond)
        {
            throw new ValidationFailedException("quota.requestsPerSecond", $"Must be between 1 and {MaxRequestsPerSecond}; it is {rate}.");
        }
        if (quota.Burst is { } burst)
        {
            if (quota.RequestsPerSecond is not { } perSecond)
            {
                throw new ValidationFailedException("quota.burst", "A burst needs a rate: set quota.requestsPerSecond too.");
            }
            if (burst < perSecond || burst > MaxRequestsPerSecond * 60L)
            {
                throw new ValidationFailedException("quota.burst", $"Must be between the rate ({perSecond}) and {MaxRequestsPerSecond * 60L}; it is {burst}.");
            }
        }
        if (quota.RequestsPerDay is { } daily && daily is < 1 or > MaxRequestsPerDay)
        {
            throw new ValidationFailedException("quota.requestsPerDay", $"Must be between 1 and {MaxRequestsPerDay}; it is {daily}.");
        }
        return quota.RequestsPerSecond is { } r ? quota with { Burst = quota.Burst ?? r } : quota;
    }
}
