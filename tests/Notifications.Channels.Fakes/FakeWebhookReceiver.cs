using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Notifications.Channels.Fakes;

/// <summary>A customer's webhook endpoint that verifies our signature (hex HMAC-SHA256 over "timestamp.body").</summary>
public sealed class FakeWebhookReceiver(string secret, TimeProvider? time = null) : FakeServer(time)
{
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<JsonElement> accepted = new();

    public IReadOnlyList<JsonElement> Accepted => [.. accepted];

    public Uri Hook(string name) => new(BaseAddress, "hooks/" + name);

    protected override void Map(WebApplication app)
        => app.MapPost("/hooks/{name}", async context => await (await Receive(context)).ExecuteAsync(context));

    private async Task<IResult> Receive(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var name = (string)context.GetRouteValue("name")!;
        if (Faults.IsDead(name))
        {
            return Answer(recorded, 410, new { error = "endpoint removed" });
        }

        if (!Verify(recorded))
        {
            return Answer(recorded, 401, new { error = "bad signature" });
        }

        if (Faults.Outage)
        {
            return Answer(recorded, 503, null);
        }

        if (Faults.TryTakeRateLimit(out var wait))
        {
            return Answer(recorded, 429, null, new Dictionary<string, string> { ["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) });
        }

        if (recorded.Body.Length > MaxBodyBytes)
        {
            return Answer(recorded, 413, null);
        }

        accepted.Enqueue(JsonDocument.Parse(recorded.Body).RootElement.Clone());
        return Answer(recorded, 204, null);
    }

    private bool Verify(RecordedRequest recorded)
    {
        var timestamp = recorded.Header("X-Notification-Timestamp");
        var signature = recorded.Header("X-Notification-Signature");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null)
        {
            return false;
        }

        if ((Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(recorded.Body).ToArray();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
