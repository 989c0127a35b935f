using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Notifications.Channels.Fakes;

/// <summary>
/// FCM HTTP v1 and Google's OAuth token endpoint: the jwt-bearer assertion must be signed by the service
/// account's key with the right claims; sends need a live access token and a valid, small enough message.
/// </summary>
public sealed partial class FakeFcmServer(TimeProvider? time = null) : FakeServer(time)
{
    public const int MaxPayloadBytes = 4096;
    private const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly RSA key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, DateTimeOffset> accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonElement> accepted = new();
    private int issued;
    private int sequence;
    private long acceptedCount;

    public string ProjectId { get; } = "demo-project";

    public string ClientEmail { get; } = "notifier@demo-project.iam.gserviceaccount.com";

    public string PrivateKeyId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int TokensIssued => Volatile.Read(ref issued);

    /// <summary>The <c>message</c> objects FCM accepted.</summary>
    public IReadOnlyList<JsonElement> Accepted => [.. accepted];

    /// <summary>Messages accepted so far, also when <see cref="FakeServer.KeepRequests"/> is off.</summary>
    public long AcceptedCount => Interlocked.Read(ref acceptedCount);

    public Uri TokenUri => new(BaseAddress, "token");

    /// <summary>A service-account key file for this fake, as the Firebase console would download it.</summary>
    public string ServiceAccountJson() => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = PrivateKeyId,
        ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail,
        ["client_id"] = "100000000000000000001",
        ["token_uri"] = TokenUri.AbsoluteUri,
    });

    /// <summary>Makes every issued access token unknown, as if Google revoked them.</summary>
    public void RevokeAccessTokens() => accessTokens.Clear();

    public IEnumerable<RecordedRequest> Sends => Requests.Where(r => r.Path.Contains("messages:send", StringComparison.Ordinal));

    protected override void Map(WebApplication app)
    {
        app.MapPost("/token", async context => await (await Token(context)).ExecuteAsync(context));
        app.MapPost("/v1/projects/{project}/messages:send", async context => await (await Send(context)).ExecuteAsync(context));
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var form = ParseForm(recorded.BodyText);
        IResult Refuse(string error, string description) => Answer(recorded, 400, new { error, error_description = description });

        if (!form.TryGetValue("grant_type", out var grant) || grant != GrantType)
        {
            return Refuse("unsupported_grant_type", "Invalid grant_type: " + grant);
        }

        var jwt = FakeJwt.TryParse(form.GetValueOrDefault("assertion"));
        if (jwt is null || !jwt.VerifyRs256(key))
        {
            return Refuse("invalid_grant", "Invalid JWT Signature.");
        }

        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var iat = jwt.ClaimNumber("iat");
        var exp = jwt.ClaimNumber("exp");
        if (jwt.ClaimString("iss") != ClientEmail)
        {
            return Refuse("invalid_grant", "Invalid issuer.");
        }

        // Google names its own token endpoint as the audience; a key file's token_uri is accepted too.
        if (jwt.ClaimString("aud") is not { } audience || audience != TokenUri.AbsoluteUri && audience != "https://oauth2.googleapis.com/token")
        {
            return Refuse("invalid_grant", "Invalid JWT: audience must be the token URI.");
        }

        var scopes = (jwt.ClaimString("scope") ?? "").Split(' ');
        if (!scopes.Contains("https://www.googleapis.com/auth/firebase.messaging") && !scopes.Contains("https://www.googleapis.com/auth/cloud-platform"))
        {
            return Refuse("invalid_scope", "The assertion does not grant the firebase.messaging scope.");
        }

        if (iat is null || exp is null || iat > now + 60 || exp <= now || exp > iat + 3600)
        {
            return Refuse("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
        }

        var token = "ya29.fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        accessTokens[token] = Time.GetUtcNow() + AccessTokenLifetime;
        Interlocked.Increment(ref issued);
        return Answer(recorded, 200, new { access_token = token, expires_in = (int)AccessTokenLifetime.TotalSeconds, token_type = "Bearer" });
    }

    private async Task<IResult> Send(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var authorization = recorded.Header("Authorization") ?? "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !accessTokens.TryGetValue(authorization["Bearer ".Length..], out var expires) || expires <= Time.GetUtcNow())
        {
            return Answer(recorded, 401, Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null));
        }

        if ((string?)context.GetRouteValue("project") != ProjectId)
        {
            return Answer(recorded, 403, Error(403, "PERMISSION_DENIED", "SenderId mismatch or unknown project.", null));
        }

        if (Faults.Outage)
        {
            return Answer(recorded, 503, Error(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE"));
        }

        if (Faults.TryTakeRateLimit(out var wait))
        {
            return Answer(recorded, 429, Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", "QUOTA_EXCEEDED"),
                new Dictionary<string, string> { ["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) });
        }

        if (recorded.Body.Length > MaxPayloadBytes)
        {
            return Invalid(recorded, "Message is too big: the payload exceeds 4096 bytes.");
        }

        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(recorded.Body);
            if (!document.RootElement.TryGetProperty("message", out message) || message.ValueKind != JsonValueKind.Object)
            {
                return Invalid(recorded, "Request is missing 'message'.");
            }

            message = message.Clone();
        }
        catch (JsonException)
        {
            return Invalid(recorded, "Invalid JSON payload received.");
        }

        if (Validate(message) is { } problem)
        {
            return Invalid(recorded, problem);
        }

        if (message.TryGetProperty("token", out var token) && Faults.IsDead(token.GetString()!))
        {
            return Answer(recorded, 404, Error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"));
        }

        if (KeepRequests)
        {
            accepted.Enqueue(message);
        }
        Interlocked.Increment(ref acceptedCount);
        var id = Interlocked.Increment(ref sequence);
        return Answer(recorded, 200, new { name = $"projects/{ProjectId}/messages/0:{id}" });
    }

    private static string? Validate(JsonElement message)
    {
        var targets = new[] { "token", "topic", "condition" }.Count(name => message.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0);
        if (targets != 1)
        {
            return "Exactly one of token, topic or condition must be set.";
        }

        if (message.TryGetProperty("data", out var data))
        {
            if (data.ValueKind != JsonValueKind.Object)
            {
                return "data must be a map.";
            }

            foreach (var property in data.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return $"Invalid value at 'message.data[{property.Name}].value' (TYPE_STRING).";
                }

                if (property.Name is "from" or "notification" or "message_type" || property.Name.StartsWith("google", StringComparison.Ordinal) || property.Name.StartsWith("gcm", StringComparison.Ordinal))
                {
                    return $"Invalid data key '{property.Name}': reserved.";
                }
            }
        }

        if (message.TryGetProperty("android", out var android))
        {
            if (android.TryGetProperty("priority", out var priority) && priority.GetString() is not ("NORMAL" or "HIGH"))
            {
                return "Invalid value at 'message.android.priority'.";
            }

            if (android.TryGetProperty("ttl", out var ttl) && (ttl.ValueKind != JsonValueKind.String || !Duration().IsMatch(ttl.GetString()!)))
            {
                return "Invalid value at 'message.android.ttl' (Duration).";
            }
        }

        foreach (var platform in new[] { "apns", "webpush" })
        {
            if (message.TryGetProperty(platform, out var block) && block.TryGetProperty("headers", out var headers))
            {
                if (headers.ValueKind != JsonValueKind.Object || headers.EnumerateObject().Any(h => h.Value.ValueKind != JsonValueKind.String))
                {
                    return $"Invalid value at 'message.{platform}.headers': values must be strings.";
                }
            }
        }

        return null;
    }

    private static IResult Invalid(RecordedRequest recorded, string message)
        => Answer(recorded, 400, Error(400, "INVALID_ARGUMENT", message, "INVALID_ARGUMENT"));

    private static object Error(int code, string status, string message, string? errorCode) => new
    {
        error = new
        {
            code,
            message,
            status,
            details = errorCode is null
                ? Array.Empty<object>()
                : [new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = errorCode }],
        },
    };

    internal static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((index < 0 ? pair : pair[..index]).Replace('+', ' '));
            var value = index < 0 ? "" : Uri.UnescapeDataString(pair[(index + 1)..].Replace('+', ' '));
            form[name] = value;
        }

        return form;
    }

    [GeneratedRegex(@"^\d+(\.\d{1,9})?s$")]
    private static partial Regex Duration();
}
