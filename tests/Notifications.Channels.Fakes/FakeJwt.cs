using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Notifications.Channels.Fakes;

/// <summary>Compact JWS parsing and signature checks, as the real providers do them.</summary>
public static class FakeJwt
{
    public sealed record Parsed(JsonElement Header, JsonElement Claims, byte[] SigningInput, byte[] Signature)
    {
        public string? HeaderString(string name) => Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public string? ClaimString(string name) => Claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public long? ClaimNumber(string name) => Claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

        public bool VerifyRs256(RSA key) => HeaderString("alg") == "RS256" && key.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public bool VerifyEs256(ECDsa key) => HeaderString("alg") == "ES256" && Signature.Length == 64 && key.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256);
    }

    public static Parsed? TryParse(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone();
            var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
            if (header.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new Parsed(header, claims, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
