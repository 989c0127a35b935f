using System.Text;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>One generated request: any method, path, query, credential, content type, headers and bytes.</summary>
public sealed record HostileRequest(
    string Method,
    string Path,
    string Query,
    HostileCredential Credential,
    string? ContentType,
    byte[]? Body,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>What FsCheck prints for a failing case: enough to replay it by hand, bodies cut short.</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300 ? Encoding.UTF8.GetString(Body, 0, 300) + $"... ({Body.Length} bytes)" : Encoding.UTF8.GetString(Body);
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 80 ? h.Value[..80] + "..." : h.Value)}"));
        var path = Path.Length > 200 ? Path[..200] + "..." : Path;
        var query = Query.Length > 200 ? Query[..200] + "..." : Query;
        return $"{Method} {path}{query} [{Credential}] Content-Type: {ContentType ?? "(none)"} {headers}\n{body}";
    }
}
