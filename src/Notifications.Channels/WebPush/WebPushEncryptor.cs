using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.WebPush;

/// <summary>RFC 8291 message encryption: one aes128gcm record (RFC 8188) keyed by ECDH with the browser.</summary>
internal static class WebPushEncryptor
{
    public const int RecordSize = 4096;
    private const int HeaderLength = 16 + 4 + 1 + 65;
    private const int TagLength = 16;

    /// <summary>Largest plaintext one record can carry: the record minus header, tag and the delimiter byte.</summary>
    public const int MaxPlaintextBytes = RecordSize - HeaderLength - TagLength - 1;

    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, ephemeral, salt);
    }

    /// <summary>Deterministic form: the caller supplies the sender key pair and salt (test vectors do).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret, ECDiffieHellman applicationServerKey, ReadOnlySpan<byte> salt)
    {
        if (plaintext.Length > MaxPlaintextBytes)
        {
            throw new ArgumentException($"plaintext of {plaintext.Length} bytes exceeds {MaxPlaintextBytes}", nameof(plaintext));
        }

        if (salt.Length != 16)
        {
            throw new ArgumentException("salt must be 16 bytes", nameof(salt));
        }

        if (authSecret.Length != 16)
        {
            throw new ArgumentException("auth secret must be 16 bytes", nameof(authSecret));
        }

        using var userAgent = ECDiffieHellman.Create(VapidKey.PublicParameters(userAgentPublicKey));
        var sharedSecret = applicationServerKey.DeriveRawSecretAgreement(userAgent.PublicKey);
        var serverPublic = VapidKey.ExportPoint(applicationServerKey.ExportParameters(false));

        var (cek, nonce) = DeriveKeys(sharedSecret, authSecret, userAgentPublicKey, serverPublic, salt);

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), RecordSize);
        body[20] = 65;
        serverPublic.CopyTo(body, 21);

        // The final (and only) record ends with delimiter 0x02 and no further padding.
        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 0x02;

        using var aes = new AesGcm(cek, TagLength);
        aes.Encrypt(nonce, padded, body.AsSpan(HeaderLength, padded.Length), body.AsSpan(HeaderLength + padded.Length, TagLength));
        return body;
    }

    internal static (byte[] Cek, byte[] Nonce) DeriveKeys(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> authSecret, ReadOnlySpan<byte> userAgentPublic, ReadOnlySpan<byte> serverPublic, ReadOnlySpan<byte> salt)
    {
        var keyInfo = new byte[14 + 65 + 65];
        Encoding.ASCII.GetBytes("WebPush: info\0").CopyTo(keyInfo, 0);
        userAgentPublic.CopyTo(keyInfo.AsSpan(14));
        serverPublic.CopyTo(keyInfo.AsSpan(14 + 65));

        var prkKey = HKDF.Extract(HashAlgorithmName.SHA256, sharedSecret.ToArray(), authSecret.ToArray());
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, prkKey, 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt.ToArray());
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        return (cek, nonce);
    }
}
