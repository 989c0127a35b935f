using System.Security.Cryptography;

namespace Notifications.Gateway.Inbox;

/// <summary>One embedded file of the inbox, read once, with its strong ETag.</summary>
internal sealed record InboxAsset(byte[] Content, string ContentType, string ETag)
{
    public static InboxAsset Load(string resourceName, string contentType)
    {
        using var stream = typeof(InboxAsset).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The gateway was built without the embedded resource {resourceName}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return new InboxAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
    }
}
