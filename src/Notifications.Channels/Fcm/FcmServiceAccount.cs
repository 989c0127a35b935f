using System.Security.Cryptography;
using System.Text.Json;
using Notifications.Channels.Common;

namespace Notifications.Channels.Fcm;

/// <summary>The parts of a Google service-account key file the OAuth exchange needs.</summary>
internal sealed record FcmServiceAccount(string ClientEmail, string PrivateKeyPem, string? PrivateKeyId, string ProjectId, string TokenUri)
{
    private const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    public static FcmServiceAccount? TryLoad(FcmOptions options, out string? error)
    {
        var json = PemMaterial.Load(options.ServiceAccountJson, options.ServiceAccountFile, out error);
        if (error is not null)
        {
            error = $"{FcmOptions.Section}:ServiceAccountFile {error}";
            return null;
        }

        if (json is null)
        {
            error = $"{FcmOptions.Section}: set ServiceAccountJson or ServiceAccountFile to the Firebase service-account key (JSON).";
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            error = $"{FcmOptions.Section}: the service-account key is not valid JSON ({exception.Message}).";
            return null;
        }

        string? Read(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

        if (Read("type") is { } type && type != "service_account")
        {
            error = $"{FcmOptions.Section}: the key file has type '{type}', expected 'service_account'.";
            return null;
        }

        var email = Read("client_email");
        var key = Read("private_key");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(key))
        {
            error = $"{FcmOptions.Section}: the service-account key lacks client_email or private_key.";
            return null;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(key);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            error = $"{FcmOptions.Section}: private_key is not a PEM RSA private key ({exception.Message}).";
            return null;
        }

        var project = string.IsNullOrWhiteSpace(options.ProjectId) ? Read("project_id") : options.ProjectId;
        if (string.IsNullOrWhiteSpace(project))
        {
            error = $"{FcmOptions.Section}:ProjectId is required (the key file has no project_id).";
            return null;
        }

        var tokenUri = !string.IsNullOrWhiteSpace(options.TokenUri) ? options.TokenUri : Read("token_uri") ?? DefaultTokenUri;
        if (!Uri.TryCreate(tokenUri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            error = $"{FcmOptions.Section}:TokenUri '{tokenUri}' is not an absolute http(s) URL.";
            return null;
        }

        return new FcmServiceAccount(email, key, Read("private_key_id"), project, tokenUri);
    }
}
