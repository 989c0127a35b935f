using System.Buffers.Text;
using System.Security.Cryptography;

namespace Notifications.Channels.WebPush;

/// <summary>Raw P-256 keys as Web Push exchanges them (65-byte uncompressed points, 32-byte scalars).</summary>
internal static class VapidKey
{
    public static ECParameters PublicParameters(ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != 65 || uncompressedPoint[0] != 0x04)
        {
            throw new CryptographicException("expected a 65-byte uncompressed P-256 point");
        }

        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressedPoint[1..33].ToArray(), Y = uncompressedPoint[33..].ToArray() },
        };
    }

    public static byte[] ExportPoint(ECParameters parameters)
    {
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    public static ECDsa? TryLoadSigningKey(WebPushOptions options, out string? error)
    {
        error = null;
        byte[] publicKey;
        byte[] privateKey;
        try
        {
            publicKey = Base64Url.DecodeFromChars(options.PublicKey ?? "");
            privateKey = Base64Url.DecodeFromChars(options.PrivateKey ?? "");
        }
        catch (FormatException)
        {
            error = $"{WebPushOptions.Section}: PublicKey and PrivateKey must be base64url.";
            return null;
        }

        if (privateKey.Length != 32)
        {
            error = $"{WebPushOptions.Section}:PrivateKey must be the 32-byte P-256 private key, base64url ({privateKey.Length} bytes given).";
            return null;
        }

        try
        {
            var parameters = PublicParameters(publicKey);
            parameters.D = privateKey;
            var key = ECDsa.Create(parameters);
            byte[] sample = [1, 2, 3];
            var probe = key.SignData(sample, HashAlgorithmName.SHA256);
            using var check = ECDsa.Create(PublicParameters(publicKey));
            if (!check.VerifyData(sample, probe, HashAlgorithmName.SHA256))
            {
                key.Dispose();
                error = $"{WebPushOptions.Section}: PublicKey does not belong to PrivateKey.";
                return null;
            }

            return key;
        }
        catch (CryptographicException exception)
        {
            error = $"{WebPushOptions.Section}:PublicKey must be a 65-byte uncompressed P-256 point matching PrivateKey ({exception.Message}).";
            return null;
        }
    }
}
