using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>
/// Generators of hostile REST input. Paths come from the gateway's real routes with their values replaced by
/// junk; bodies are random JSON-ish text or mutations of valid bodies (truncated, retyped, nested, enlarged,
/// mis-encoded). {user} stands for the fixture's victim user, so routes get past authorization to binding.
/// Streams that never end (the SSE feeds, the hub) are left out: a request to them is not answered, it is served.
/// </summary>
public static class HostileGenerators
{
    public const string UserPlaceholder = "{user}";

    private static readonly string[] Routes =
    [
        "/api/v1/notifications", "/api/v1/notifications/batch", "/api/v1/notifications/{r}",
        "/api/v1/users/{user}", "/api/v1/users/{r}", "/api/v1/users/{user}/preferences", "/api/v1/users/{user}/devices",
        "/api/v1/users/{user}/devices/{r}", "/api/v1/users/{user}/tokens", "/api/v1/users/{r}/tokens",
        "/api/v1/users/{user}/notifications", "/api/v1/users/{user}/notifications/counts", "/api/v1/users/{user}/notifications/{r}",
        "/api/v1/users/{user}/notifications/{r}/opened", "/api/v1/users/{user}/notifications/{r}/actions/{r}",
        "/api/v1/users/{user}/notifications/bulk", "/api/v1/users/{user}/notifications/read-all", "/api/v1/users/{user}/notifications/seen",
        "/api/v1/templates", "/api/v1/templates/{r}", "/api/v1/admin/api-keys", "/api/v1/admin/api-keys/{r}",
        "/api/v1/admin/dead-letters", "/api/v1/admin/dead-letters/{r}", "/api/v1/admin/dead-letters/{r}/replay", "/api/v1/admin/dead-letters/replay",
        "/api/v1/admin/operations", "/api/v1/admin/users/{r}", "/api/v1/admin/users/{user}", "/console", "/console/{r}",
        "/api/v1/track/open", "/api/v1/track/click", "/api/v1/unsubscribe", "/api/v1/{r}", "/{r}",
        "/healthz", "/readyz", "/openapi/v1.json", "/metrics", "/inbox.js",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "CONNECT2", "get", "X-CUSTOM"];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
        "application/json; charset=bogus-charset", "application/json; charset=\"", "application/problem+json", "application/merge-patch+json",
        "text/json", "text/plain", "text/plain; charset=utf-8", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "multipart/form-data", "application/octet-stream", "*/*", "application/*", "garbage",
        ";;;", "application/json;;charset=utf-8", null,
    ];

    private static readonly string[] RouteValues =
    [
        "0", "-1", "9223372036854775808", "1e9", "00000000-0000-0000-0000-000000000000", "not-a-guid", "%00", "%ZZ", "%", "%C3%28", "%FF%FE",
        "..", "%2E%2E", "%2F", "a%2Fb", "%20", "null", "undefined", "ü😀", "%F0%9F%98%80", "<script>", "'; DROP TABLE users;--", "a:b", "a;b", "~",
    ];

    private static readonly string[] Queries =
    [
        "", "?", "?limit=abc", "?limit=-5", "?limit=0", "?limit=99999999999999", "?limit=1&limit=2", "?before=zzz", "?before=2026-13-45",
        "?after=%ZZ", "?state=bogus", "?archived=maybe", "?%ZZ=1", "?a=%", "?=", "?&&&", "?tags=%00", "?access_token=garbage",
        "?u=javascript:alert(1)&s=x", "?u=%ZZ&s=%ZZ", "?category=" + new string('c', 5000), "?limit[]=1", "?limit=1.5",
    ];

    private static readonly string[] ValidBodies =
    [
        """{"userId":"{user}","content":{"title":"t","body":"b"}}""",
        """{"userId":"{user}","type":"unknown.type","data":{"a":"b"},"priority":"high","channels":["inApp","email"]}""",
        """{"notifications":[{"userId":"{user}","content":{"title":"t","body":"b"}}]}""",
        """{"displayName":"D","email":"d@example.com","phone":"+15555550100","timeZone":"Europe/Berlin","locale":"de-DE"}""",
        """{"categories":{"marketing":{"enabled":false,"channels":["email"]}},"quietHours":{"start":"22:00","end":"07:00","mode":"defer"}}""",
        """{"kind":"ios","token":"abcd"}""",
        """{"kind":"webPush","subscription":{"endpoint":"https://push.example.com/x","keys":{"p256dh":"AAAA","auth":"BBBB"}}}""",
        """{"ttlSeconds":3600}""",
        """{"type":"t.x","category":"c","channels":["inApp"],"templates":[{"channel":"inApp","title":"{{a}}","body":"b"}]}""",
        """{"name":"k","scopes":["send"],"quota":{"requestsPerSecond":1,"requestsPerDay":10}}""",
        """{"ids":["00000000-0000-0000-0000-000000000000"],"action":"read"}""",
        """{"read":true,"archived":false,"snoozedUntil":"2030-01-01T00:00:00Z"}""",
    ];

    private static readonly JsonNode?[] OddValues =
    [
        null, JsonValue.Create(true), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1.5e300),
        JsonValue.Create(""), JsonValue.Create("x"), JsonValue.Create("2026-02-30T25:61:00Z"), JsonValue.Create("\u0000"),
        JsonValue.Create(new string('x', 70_000)), new JsonArray(), new JsonArray(JsonValue.Create(1), JsonValue.Create("a")), new JsonObject(),
        new JsonObject { ["$type"] = "System.Object" },
    ];

    public static Arbitrary<HostileRequest> Requests() => RequestGen.ToArbitrary();

    private static Gen<HostileRequest> RequestGen =>
        from method in Method
        from path in Path
        from query in Query
        from credential in Credential
        from contentType in ContentType
        from body in Body
        from headers in ExtraHeaders
        select new HostileRequest(method, path, query, credential, contentType, body, headers);

    /// <summary>Mutations of a valid send for the victim, each carrying its own marker title so its effect can be looked for.</summary>
    public static Arbitrary<MutatedSend> MutatedSends() => MutatedSendGen.ToArbitrary();

    private static Gen<MutatedSend> MutatedSendGen =>
        from marker in Gen.Fresh(() => "marker-" + Guid.NewGuid().ToString("N"))
        from mutation in Gen.Choose(0, 9)
        from position in Gen.Choose(0, 1000)
        from odd in Gen.Elements(OddValues)
        from contentType in Gen.Frequency((6, Gen.Constant<string?>("application/json")), (1, Gen.Elements(ContentTypes)))
        select new MutatedSend(marker, MutateSend(marker, mutation, position, odd), contentType);

    private static Gen<string> Method => Gen.Elements(Methods);

    private static Gen<string> Path =>
        from route in Gen.Elements(Routes)
        from values in Gen.ListOf(RouteValue, 4)
        select Fill(route, values);

    private static Gen<string> RouteValue => Gen.Frequency(
        (6, Gen.Elements(RouteValues)),
        (2, Gen.Fresh(() => Guid.NewGuid().ToString())),
        (1, Gen.Choose(100, 9000).Select(n => new string('r', n))),
        (2, Text.Select(Uri.EscapeDataString)));

    private static Gen<string> Query => Gen.Frequency(
        (5, Gen.Elements(Queries)),
        (2, Gen.ListOf(Gen.Zip(Text, Text), 3).Select(pairs => "?" + string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2))))));

    private static Gen<HostileCredential> Credential => Gen.Frequency(
        (7, Gen.Constant(HostileCredential.Admin)), (1, Gen.Constant(HostileCredential.UserToken)),
        (1, Gen.Constant(HostileCredential.None)), (1, Gen.Constant(HostileCredential.Garbage)));

    private static Gen<string?> ContentType => Gen.Elements(ContentTypes);

    private static Gen<byte[]?> Body => Gen.Frequency<byte[]?>(
        (1, Gen.Constant<byte[]?>(null)),
        (3, from valid in Gen.Elements(ValidBodies)
            from mutation in Gen.Choose(0, 9)
            from position in Gen.Choose(0, 1000)
            from odd in Gen.Elements(OddValues)
            select (byte[]?)Mutate(valid, mutation, position, odd)),
        (2, Json.Select(node => (byte[]?)Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"))),
        (1, Text.Select(t => (byte[]?)Encoding.UTF8.GetBytes(t))),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (byte[]?)b)));

    private static Gen<IReadOnlyList<KeyValuePair<string, string>>> ExtraHeaders =>
        Gen.SubListOf(new[]
        {
            new KeyValuePair<string, string>("Accept", "application/xml"),
            new KeyValuePair<string, string>("Accept", "*/*;q=garbage"),
            new KeyValuePair<string, string>("Accept-Charset", "ebcdic"),
            new KeyValuePair<string, string>("Content-Encoding", "gzip"),
            new KeyValuePair<string, string>("X-Forwarded-For", "not-an-ip"),
            new KeyValuePair<string, string>("Idempotency-Key", new string('k', 10_000)),
            new KeyValuePair<string, string>("If-None-Match", "\"\""),
            new KeyValuePair<string, string>("Range", "bytes=9-1"),
        }).Select(list => (IReadOnlyList<KeyValuePair<string, string>>)list.ToArray());

    /// <summary>Printable junk with the characters that break parsers: quotes, braces, escapes, controls, surrogates.</summary>
    private static Gen<string> Text => Gen.ListOf(Gen.Frequency(
            (6, Gen.Choose('a', 'z').Select(c => (char)c)),
            (3, Gen.Elements('"', '\\', '{', '}', '[', ']', ':', ',', '%', '&', '=', '?', '/', '#', '\0', '\n', '\u00e9', '\ud83d', '\ufffe', ' '))))
        .Select(chars => new string([.. chars]));

    private static Gen<JsonNode?> Json => Gen.Sized(size => JsonOfDepth(Math.Min(size / 10, 4)));

    private static Gen<JsonNode?> JsonOfDepth(int depth) => depth <= 0
        ? Gen.OneOf(Gen.Elements(OddValues).Select(v => v?.DeepClone()), Text.Select(t => (JsonNode?)JsonValue.Create(t)))
        : Gen.OneOf(
            JsonOfDepth(0),
            Gen.ListOf(JsonOfDepth(depth - 1), 3).Select(items => (JsonNode?)new JsonArray([.. items])),
            Gen.ListOf(Gen.Zip(Gen.Elements("userId", "content", "title", "body", "type", "data", "channels", "priority", "name", "scopes", "kind", "token", "notifications", "quota", "x"), JsonOfDepth(depth - 1)), 3)
                .Select(members =>
                {
                    var obj = new JsonObject();
                    foreach (var (name, value) in members)
                    {
                        obj[name] = value;
                    }
                    return (JsonNode?)obj;
                }));

    private static string Fill(string route, IReadOnlyList<string> values)
    {
        var builder = new StringBuilder(route);
        var i = 0;
        int at;
        while ((at = builder.ToString().IndexOf("{r}", StringComparison.Ordinal)) >= 0)
        {
            builder.Remove(at, 3).Insert(at, values[i++ % values.Count]);
        }
        return builder.ToString();
    }

    private static byte[] MutateSend(string marker, int mutation, int position, JsonNode? odd) =>
        Mutate($$$"""{"userId":"{user}","content":{"title":"{{{marker}}}","body":"b"}}""", mutation, position, odd);

    /// <summary>One mutation of a valid body, chosen by <paramref name="mutation"/>.</summary>
    private static byte[] Mutate(string valid, int mutation, int position, JsonNode? odd)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var at = position % Math.Max(bytes.Length, 1);
        switch (mutation)
        {
            case 0:
                return bytes[..at];
            case 1:
                return [.. bytes[..at], 0xC3, 0x28, .. bytes[at..]];
            case 2:
                return [.. bytes[..at], 0xFF, 0xFE, 0x00, .. bytes[at..]];
            case 3:
                return Encoding.UTF8.GetBytes(new string('[', 64 + position) + valid + new string(']', 64 + position));
            case 4:
                return Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40 + position)) + "1" + new string('}', 41 + position));
            case 5:
                return Encoding.Unicode.GetBytes(valid);
            case 6:
                return [0xEF, 0xBB, 0xBF, .. bytes];
            default:
                {
                    // Replace one member, at any depth, by an odd value: wrong type, null, huge, empty.
                    var root = JsonNode.Parse(valid)!;
                    var members = Members(root).ToList();
                    var (parent, name) = members[at % members.Count];
                    parent[name] = mutation == 9 ? JsonValue.Create(new string('h', 1_100_000)) : odd?.DeepClone();
                    return Encoding.UTF8.GetBytes(root.ToJsonString());
                }
        }
    }

    private static IEnumerable<(JsonObject Parent, string Name)> Members(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                yield return (obj, name);
                if (value is not null)
                {
                    foreach (var inner in Members(value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.Where(i => i is not null))
            {
                foreach (var inner in Members(item!))
                {
                    yield return inner;
                }
            }
        }
    }
}
