using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.Email;

/// <summary>
/// Signs and verifies one-click unsubscribe links: HMAC-SHA256 over the user id and category, so a link
/// unsubscribes exactly that user from exactly that category and cannot be forged for anyone else.
/// </summary>
public sealed class UnsubscribeLinkSigner
{
    public const string UserParameter = "u";
    public const string CategoryParameter = "c";
    public const string SignatureParameter = "s";

    private readonly byte[] key;

    public UnsubscribeLinkSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        key = Encoding.UTF8.GetBytes(secret);
    }

    public string Sign(string userId, string category)
        => Base64Url.EncodeToString(HMACSHA256.HashData(key, Message(userId, category)));

    public bool Verify(string? userId, string? category, string? signature)
    {
        if (userId is null || category is null || signature is null)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(key, Message(userId, category)));
    }

    /// <summary>The https link for List-Unsubscribe, carrying user, category and signature as query parameters.</summary>
    public Uri CreateLink(Uri baseUrl, string userId, string category)
    {
        var query = $"{UserParameter}={Uri.EscapeDataString(userId)}&{CategoryParameter}={Uri.EscapeDataString(category)}&{SignatureParameter}={Sign(userId, category)}";
        var builder = new UriBuilder(baseUrl);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }

    /// <summary>Length-prefixed so that ("ab","c") and ("a","bc") never sign the same bytes.</summary>
    private static byte[] Message(string userId, string category)
    {
        var user = Encoding.UTF8.GetBytes(userId);
        var cat = Encoding.UTF8.GetBytes(category);
        var message = new byte[4 + user.Length + cat.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, user.Length);
        user.CopyTo(message, 4);
        cat.CopyTo(message, 4 + user.Length);
        return message;
    }
}
