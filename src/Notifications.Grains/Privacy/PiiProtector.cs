using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Grains.Privacy;

/// <summary>
/// Seals personal data with AES-GCM (a fresh 96-bit nonce per value, 128-bit tag) under the current key and opens
/// it with whichever key sealed it, named in the sealed form. Values written before encryption was on are not
/// sealed and open as they are, so existing rows stay readable.
/// </summary>
public sealed class PiiProtector
{
    /// <summary>A sealed text value: no e-mail address, phone number, push token or JSON subscription starts so.</summary>
    private const string TextPrefix = "pii:1 ";
    /// <summary>A sealed blob: a zero byte, which no JSON document (grain state) starts with, then "PI1".</summary>
    private static readonly byte[] BlobMagic = [0, (byte)'P', (byte)'I', (byte)'1'];
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    /// <summary>
    /// One cipher per key and thread: setting a key up costs about as much as sealing a grain's state with it, and a
    /// cipher may not be used by two threads at once.
    /// </summary>
    private readonly ThreadLocal<Dictionary<string, AesGcm>> _ciphers = new(() => new(StringComparer.Ordinal));
    private readonly string _current;
    private readonly byte[] _currentId;
    private readonly byte[] _indexKey;

    internal PiiProtector(PiiKeyRing ring)
    {
        _keys = ring.Keys;
        _current = ring.CurrentKeyId;
        _currentId = Encoding.ASCII.GetBytes(ring.CurrentKeyId);
        _indexKey = ring.IndexKey;
    }

    public string Protect(string value)
    {
        if (value.Length == 0 || value.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            return value;
        }
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        Seal(plain, sealedBytes);
        return string.Concat(TextPrefix, _current, " ", Convert.ToBase64String(sealedBytes));
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            return stored;
        }
        var rest = stored.AsSpan(TextPrefix.Length);
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            throw new CryptographicException("A sealed value has no key id.");
        }
        var keyId = rest[..space].ToString();
        var sealedBytes = Convert.FromBase64String(rest[(space + 1)..].ToString());
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        Open(keyId, sealedBytes, plain);
        return Encoding.UTF8.GetString(plain);
    }

    public byte[] Protect(ReadOnlySpan<byte> plain)
    {
        var header = BlobMagic.Length + 1 + _currentId.Length;
        var output = new byte[header + NonceBytes + plain.Length + TagBytes];
        BlobMagic.CopyTo(output, 0);
        output[BlobMagic.Length] = (byte)_currentId.Length;
        _currentId.CopyTo(output, BlobMagic.Length + 1);
        Seal(plain, output.AsSpan(header));
        return output;
    }

    public ReadOnlyMemory<byte> Unprotect(ReadOnlyMemory<byte> stored)
    {
        var span = stored.Span;
        if (!span.StartsWith(BlobMagic))
        {
            return stored;
        }
        var idLength = span[BlobMagic.Length];
        var keyId = Encoding.ASCII.GetString(span.Slice(BlobMagic.Length + 1, idLength));
        var sealedBytes = span[(BlobMagic.Length + 1 + idLength)..];
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        Open(keyId, sealedBytes, plain);
        return plain;
    }

    /// <summary>A grain storage serializer that seals what <paramref name="inner"/> writes and opens it again.</summary>
    public Orleans.Storage.IGrainStorageSerializer Sealing(Orleans.Storage.IGrainStorageSerializer inner) => new ProtectedGrainStateSerializer(inner, this);

    /// <summary>
    /// A stable stand-in for a value that something is keyed by (HMAC-SHA256 under the index key), so the key can
    /// be stored without the value. Normalising the value is the caller's concern: equal strings, equal pseudonyms.
    /// </summary>
    public string Pseudonym(string purpose, string value)
    {
        var hash = HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(string.Concat(purpose, "\n", value)));
        return "p1-" + Convert.ToHexStringLower(hash);
    }

    private void Seal(ReadOnlySpan<byte> plain, Span<byte> output)
    {
        var nonce = output[..NonceBytes];
        RandomNumberGenerator.Fill(nonce);
        // The key id is bound as associated data: relabelling a value with another key's id fails to open.
        Cipher(_current, _keys[_current]).Encrypt(nonce, plain, output.Slice(NonceBytes, plain.Length), output.Slice(NonceBytes + plain.Length, TagBytes), _currentId);
    }

    private AesGcm Cipher(string keyId, byte[] key)
    {
        var ciphers = _ciphers.Value!;
        if (!ciphers.TryGetValue(keyId, out var cipher))
        {
            cipher = new AesGcm(key, TagBytes);
            ciphers[keyId] = cipher;
        }
        return cipher;
    }

    private void Open(string keyId, ReadOnlySpan<byte> sealedBytes, Span<byte> plain)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"A value was sealed with the key '{keyId}', which is not in {PiiOptions.Section}:Keys; add it back to read the value.");
        }
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("A sealed value is too short.");
        }
        Cipher(keyId, key).Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, plain.Length), sealedBytes[^TagBytes..], plain, Encoding.ASCII.GetBytes(keyId));
    }
}
