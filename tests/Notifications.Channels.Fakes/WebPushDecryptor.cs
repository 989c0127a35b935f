using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.Fakes;

/// <summary>The user agent's side of RFC 8291: what a browser does with an aes128gcm push body.</summary>
public static class WebPushDecryptor
{
    public static byte[] Decrypt(byte[] body, ECDiffieHellman userAgentKey, byte[] authSecret)
    {
        if (body.Length < 21)
        {
            throw new CryptographicException("body shorter than the aes128gcm header");
        }

        var salt = body.AsSpan(0, 16).ToArray();
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        if (idLength != 65 || body.Length < 21 + idLength + 17)
        {
            throw new CryptographicException("keyid must be the 65-byte sender public key");
        }

        if (body.Length - 21 - idLength > recordSize)
        {
            throw new CryptographicException("more than one record");
        }

        var senderPublic = body.AsSpan(21, 65).ToArray();
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..] },
        });
        var secret = userAgentKey.DeriveRawSecretAgreement(sender.PublicKey);
        var own = userAgentKey.ExportParameters(false);
        var userAgentPublic = new byte[65];
        userAgentPublic[0] = 4;
        own.Q.X!.CopyTo(userAgentPublic, 1);
        own.Q.Y!.CopyTo(userAgentPublic, 33);

        var info = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(userAgentPublic).Concat(senderPublic).ToArray();
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, authSecret, info);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));

        var cipher = body.AsSpan(21 + idLength);
        var plain = new byte[cipher.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);

        // Strip padding: the last non-zero byte is the delimiter, and it must be 2 for the final record.
        var end = plain.Length - 1;
        while (end >= 0 && plain[end] == 0)
        {
            end--;
        }

        if (end < 0 || plain[end] != 2)
        {
            throw new CryptographicException("missing final-record delimiter");
        }

        return plain[..end];
    }
}
