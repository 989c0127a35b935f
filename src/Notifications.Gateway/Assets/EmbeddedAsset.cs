using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Assets;

/// <summary>One file embedded in the gateway (the inbox bundle, the console's pages), read once, with its strong ETag.</summary>
internal sealed record EmbeddedAsset(byte[] Content, string ContentType, string ETag)
{
    public static EmbeddedAsset Load(string resourceName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The gateway was built without the embedded resource {resourceName}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return new EmbeddedAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
    }

    /// <summary>The file with its validators; a matching If-None-Match answers 304 without a body.</summary>
    public IResult Serve(HttpContext context, string cacheControl)
    {
        context.Response.Headers.CacheControl = cacheControl;
        context.Response.Headers.ETag = ETag;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.ToString() == ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(Content, ContentType);
    }
}
