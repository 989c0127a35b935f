using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Notifications.Channels.Fakes;

/// <summary>
/// Twilio's Messages resource: basic auth, E.164 numbers, one sender, body ≤ 1600 chars, Twilio error codes; and
/// WhatsApp's rules on it: <c>whatsapp:</c> addressing on both sides, free-form text only within 24 hours of the
/// user's last message to us (63016 otherwise), templates only by an approved ContentSid with JSON variables.
/// </summary>
public sealed partial class FakeTwilioServer(TimeProvider? time = null) : FakeServer(time)
{
    public const int MaxBodyLength = 1600;
    public const string WhatsAppPrefix = "whatsapp:";
    public const string SignatureHeader = "X-Twilio-Signature";
    public static readonly TimeSpan SessionWindow = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, DateTimeOffset> lastInbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> approvedContent = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> accepted = new();
    private readonly ConcurrentDictionary<string, byte> optedOut = new(StringComparer.Ordinal);

    public string AccountSid { get; } = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string AuthToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Accepted => [.. accepted];

    /// <summary>A proxy in front of Twilio answers with its own HTML error page instead of Twilio's JSON.</summary>
    public bool BadGatewayPage { get; set; }

    /// <summary>The recipient texted STOP.</summary>
    public void OptOut(string number) => optedOut[number] = 0;

    /// <summary>The WhatsApp user (E.164) wrote to us now: a 24-hour customer-service session opens.</summary>
    public void UserMessaged(string number) => lastInbound[number] = Time.GetUtcNow();

    /// <summary>A content template (HX + 32 hex) WhatsApp approved.</summary>
    public void ApproveContent(string contentSid) => approvedContent[contentSid] = 0;

    /// <summary>X-Twilio-Signature as Twilio computes it: Base64(HMAC-SHA1(auth token, URL + each field's name and value, sorted by name)).</summary>
    public string Sign(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    protected override void Map(WebApplication app)
        => app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async context => await (await Create(context)).ExecuteAsync(context));

    private async Task<IResult> Create(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        IResult Error(int status, int code, string message, IReadOnlyDictionary<string, string>? headers = null)
            => Answer(recorded, status, new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, headers);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (recorded.Header("Authorization") != expected)
        {
            return Error(401, 20003, "Authentication Error - invalid username");
        }

        if ((string?)context.GetRouteValue("sid") != AccountSid)
        {
            return Error(404, 20404, "The requested resource was not found");
        }

        if (!(recorded.Header("Content-Type") ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            return Error(400, 21200, "Invalid content type");
        }

        var form = FakeFcmServer.ParseForm(recorded.BodyText);
        var addressedTo = form.GetValueOrDefault("To");
        var whatsApp = addressedTo?.StartsWith(WhatsAppPrefix, StringComparison.Ordinal) == true;
        var to = whatsApp ? addressedTo![WhatsAppPrefix.Length..] : addressedTo;
        if (to is null || !E164().IsMatch(to))
        {
            return Error(400, 21211, $"The 'To' number {addressedTo} is not a valid phone number.");
        }

        var hasFrom = form.TryGetValue("From", out var from) && from.Length > 0;
        var hasService = form.TryGetValue("MessagingServiceSid", out var service) && service.Length > 0;
        if (!hasFrom && !hasService)
        {
            return Error(400, 21603, "A 'From' phone number is required.");
        }

        if (hasFrom && from!.StartsWith(WhatsAppPrefix, StringComparison.Ordinal) != whatsApp)
        {
            return Error(400, 21910, "Invalid From and To pair. From and To should be of the same channel.");
        }

        if (hasFrom && !E164().IsMatch(whatsApp ? from![WhatsAppPrefix.Length..] : from!))
        {
            return Error(400, 21212, $"The 'From' number {from} is not a valid phone number.");
        }

        var hasContent = form.TryGetValue("ContentSid", out var contentSid) && contentSid.Length > 0;
        if (hasContent && !approvedContent.ContainsKey(contentSid!))
        {
            return Error(400, 21655, $"The ContentSid {contentSid} is Invalid.");
        }

        if (hasContent && form.TryGetValue("ContentVariables", out var variables) && !IsStringMap(variables))
        {
            return Error(400, 21656, "The ContentVariables Parameter is invalid.");
        }

        var body = form.GetValueOrDefault("Body") ?? "";
        if (!hasContent && body.Length == 0)
        {
            return Error(400, 21602, "Message body is required.");
        }

        if (body.Length > MaxBodyLength)
        {
            return Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        if (form.TryGetValue("StatusCallback", out var callback) && !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            return Error(400, 21609, "Invalid StatusCallback URL.");
        }

        if (Faults.Outage)
        {
            return Error(503, 20500, "Service unavailable");
        }

        if (BadGatewayPage)
        {
            recorded.Status = 502;
            return Results.Content("<html><body>502 Bad Gateway</body></html>", "text/html", statusCode: 502);
        }

        if (Faults.TryTakeRateLimit(out var wait))
        {
            return Error(429, 20429, "Too Many Requests",
                new Dictionary<string, string> { ["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) });
        }

        if (Faults.IsDead(to))
        {
            return Error(400, 21211, $"The 'To' number {to} is not a valid phone number.");
        }

        if (optedOut.ContainsKey(to))
        {
            return Error(400, 21610, "Attempt to send to unsubscribed recipient");
        }

        if (whatsApp && !hasContent && !(lastInbound.TryGetValue(to, out var last) && Time.GetUtcNow() - last < SessionWindow))
        {
            return Error(400, 63016, "Failed to send freeform message because you are outside the allowed window. Please use a Template.");
        }

        accepted.Enqueue(form);
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Answer(recorded, 201, new { sid, account_sid = AccountSid, to = addressedTo, from, messaging_service_sid = service, body, status = hasService ? "accepted" : "queued", num_segments = "1" });
    }

    private static bool IsStringMap(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$")]
    private static partial Regex E164();
}
