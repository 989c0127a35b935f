using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Validation;

internal static class ApiKeyRequestValidator
{
    private const int MaxNameLength = 100;

    /// <summary>The trimmed name and the distinct scopes of a valid request.</summary>
    public static (string Name, IReadOnlyList<string> Scopes) Validate(CreateApiKeyRequest request)
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
        return (name, request.Scopes.Distinct(StringComparer.Ordinal).ToArray());
    }
}
