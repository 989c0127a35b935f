using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Notifications.Channels.Fakes;

/// <summary>
/// APNs over cleartext HTTP/2 (prior knowledge). Checks the ES256 provider token (signature, kid, iss, age),
/// the apns-* headers against the payload, the 4 KB limit and device-token shape, like Apple does.
/// </summary>
public sealed class FakeApnsServer(TimeProvider? time = null) : FakeServer(time)
{
    public const int MaxPayloadBytes = 4096;

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConcurrentQueue<(string Token, JsonElement Payload)> accepted = new();
    private readonly Lock tokenGate = new();
    private string? currentProviderToken;
    private DateTimeOffset currentSince;

    public string TeamId { get; } = "TEAM123456";

    public string KeyId { get; } = "KEY1234567";

    public string BundleId { get; } = "com.example.notifier";

    public string PrivateKeyPem => key.ExportPkcs8PrivateKeyPem();

    /// <summary>How many distinct provider tokens were accepted (each new one is an "update").</summary>
    public int ProviderTokensSeen { get; private set; }

    public IReadOnlyList<(string Token, JsonElement Payload)> Accepted => [.. accepted];

    protected override HttpProtocols Protocols => HttpProtocols.Http2;

    public static string NewDeviceToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected override void Map(WebApplication app)
        => app.MapPost("/3/device/{token}", async context => await (await Send(context)).ExecuteAsync(context));

    private async Task<IResult> Send(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var apnsId = recorded.Header("apns-id");
        var headers = new Dictionary<string, string>();
        IResult Reply(int status, string? reason, long? timestamp = null)
        {
            if (apnsId is not null && Guid.TryParse(apnsId, out _))
            {
                headers["apns-id"] = apnsId;
            }

            object? body = reason is null ? null : timestamp is null ? new { reason } : new { reason, timestamp };
            return Answer(recorded, status, body, headers);
        }

        if (recorded.Protocol != "HTTP/2")
        {
            return Reply(400, "BadPath");
        }

        if (ProviderTokenProblem(recorded.Header("authorization")) is { } tokenProblem)
        {
            return Reply(tokenProblem.Status, tokenProblem.Reason);
        }

        var topic = recorded.Header("apns-topic");
        if (string.IsNullOrEmpty(topic))
        {
            return Reply(400, "MissingTopic");
        }

        if (topic != BundleId)
        {
            return Reply(400, "TopicDisallowed");
        }

        if (apnsId is not null && !Guid.TryParse(apnsId, out _))
        {
            return Reply(400, "BadMessageId");
        }

        if (recorded.Header("apns-collapse-id") is { } collapse && Encoding.UTF8.GetByteCount(collapse) > 64)
        {
            return Reply(400, "BadCollapseId");
        }

        if (recorded.Header("apns-expiration") is { } expiration && !long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Reply(400, "BadExpirationDate");
        }

        var priority = recorded.Header("apns-priority") ?? "10";
        if (priority is not ("10" or "5" or "1"))
        {
            return Reply(400, "BadPriority");
        }

        var deviceToken = (string)context.GetRouteValue("token")!;
        if (deviceToken.Length < 64 || deviceToken.Length % 2 != 0 || !deviceToken.All(Uri.IsHexDigit))
        {
            return Reply(400, "BadDeviceToken");
        }

        if (Faults.Outage)
        {
            return Reply(503, "ServiceUnavailable");
        }

        if (Faults.TryTakeRateLimit(out var wait))
        {
            headers["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Reply(429, "TooManyRequests");
        }

        if (recorded.Body.Length > MaxPayloadBytes)
        {
            return Reply(413, "PayloadTooLarge");
        }

        if (recorded.Body.Length == 0)
        {
            return Reply(400, "PayloadEmpty");
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(recorded.Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Reply(400, "PayloadEmpty");
        }

        if (!payload.TryGetProperty("aps", out var aps) || aps.ValueKind != JsonValueKind.Object)
        {
            return Reply(400, "PayloadEmpty");
        }

        var pushType = recorded.Header("apns-push-type");
        var hasAlert = aps.TryGetProperty("alert", out _);
        var contentAvailable = aps.TryGetProperty("content-available", out var available) && available.ValueKind == JsonValueKind.Number && available.GetInt32() == 1;
        switch (pushType)
        {
            case "alert" when !hasAlert:
                return Reply(400, "InvalidPushType");
            case "background" when hasAlert || !contentAvailable:
                return Reply(400, "InvalidPushType");
            case "background" when priority == "10":
                return Reply(400, "BadPriority");
            case "alert" or "background":
                break;
            default:
                return Reply(400, "InvalidPushType");
        }

        if (Faults.IsDead(deviceToken))
        {
            return Reply(410, "Unregistered", Time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        accepted.Enqueue((deviceToken, payload));
        headers["apns-unique-id"] = Guid.NewGuid().ToString("D");
        return Reply(200, null);
    }

    private (int Status, string Reason)? ProviderTokenProblem(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (403, "MissingProviderToken");
        }

        var token = authorization["bearer ".Length..];
        var jwt = FakeJwt.TryParse(token);
        if (jwt is null || jwt.HeaderString("kid") != KeyId || jwt.ClaimString("iss") != TeamId || !jwt.VerifyEs256(key))
        {
            return (403, "InvalidProviderToken");
        }

        var now = Time.GetUtcNow();
        var issued = jwt.ClaimNumber("iat") is { } iat ? DateTimeOffset.FromUnixTimeSeconds(iat) : (DateTimeOffset?)null;
        if (issued is null || issued > now + TimeSpan.FromMinutes(1))
        {
            return (403, "InvalidProviderToken");
        }

        if (now - issued > TimeSpan.FromHours(1))
        {
            return (403, "ExpiredProviderToken");
        }

        lock (tokenGate)
        {
            if (token != currentProviderToken)
            {
                if (currentProviderToken is not null && now - currentSince < TimeSpan.FromMinutes(20))
                {
                    return (429, "TooManyProviderTokenUpdates");
                }

                currentProviderToken = token;
                currentSince = now;
                ProviderTokensSeen++;
            }
        }

        return null;
    }
}
