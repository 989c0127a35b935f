using System.Security.Cryptography;
using Notifications.Channels.Common;

namespace Notifications.Channels.Apns;

internal static class ApnsSigningKey
{
    public static ECDsa? TryLoad(ApnsOptions options, out string? error)
    {
        var pem = PemMaterial.Load(options.PrivateKey, options.PrivateKeyFile, out error, unescapeNewlines: true);
        if (error is not null)
        {
            error = $"{ApnsOptions.Section}:PrivateKeyFile {error}";
            return null;
        }

        if (pem is null)
        {
            error = $"{ApnsOptions.Section}: set PrivateKey or PrivateKeyFile to the APNs .p8 signing key.";
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            error = $"{ApnsOptions.Section}: the signing key is not a PEM EC private key ({exception.Message}).";
            return null;
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            error = $"{ApnsOptions.Section}: the signing key must be a P-256 key (ES256), this one has {key.KeySize} bits.";
            return null;
        }

        return key;
    }
}
