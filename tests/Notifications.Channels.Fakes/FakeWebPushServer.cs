using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Notifications.Model;

namespace Notifications.Channels.Fakes;

/// <summary>
/// An RFC 8030 push service. Subscriptions are created here (the fake plays the browser too), so it can
/// decrypt what arrives; it checks TTL, Urgency, Topic, Content-Encoding, the VAPID JWT and the key.
/// </summary>
public sealed class FakeWebPushServer(TimeProvider? time = null) : FakeServer(time)
{
    public const int MaxBodyBytes = 4096;

    private readonly ConcurrentDictionary<string, Browser> browsers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string SubscriptionId, byte[] Plaintext)> accepted = new();
    private int sequence;

    public IReadOnlyList<(string SubscriptionId, byte[] Plaintext)> Accepted => [.. accepted];

    /// <summary>Registers a browser subscription bound to the given VAPID public key, as pushManager.subscribe does.</summary>
    public WebPushSubscription Subscribe(string applicationServerKey)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var userAgent = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        browsers[id] = new Browser(userAgent, auth, applicationServerKey);
        var q = userAgent.ExportParameters(false).Q;
        var point = new byte[65];
        point[0] = 4;
        q.X!.CopyTo(point, 1);
        q.Y!.CopyTo(point, 33);
        return new WebPushSubscription(new Uri(BaseAddress, "push/" + id).AbsoluteUri, Base64Url.EncodeToString(point), Base64Url.EncodeToString(auth));
    }

    /// <summary>A fresh VAPID key pair (public point, private scalar), base64url.</summary>
    public static (string PublicKey, string PrivateKey) NewVapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        var point = new byte[65];
        point[0] = 4;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return (Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D));
    }

    public static string IdOf(WebPushSubscription subscription) => subscription.Endpoint[(subscription.Endpoint.LastIndexOf('/') + 1)..];

    protected override void Map(WebApplication app)
        => app.MapPost("/push/{id}", async context => await (await Push(context)).ExecuteAsync(context));

    private async Task<IResult> Push(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var id = (string)context.GetRouteValue("id")!;
        if (!browsers.TryGetValue(id, out var browser))
        {
            return Answer(recorded, 404, new { reason = "no such subscription" });
        }

        if (Faults.IsDead(id))
        {
            return Answer(recorded, 410, new { reason = "subscription expired" });
        }

        if (!int.TryParse(recorded.Header("TTL"), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Answer(recorded, 400, new { reason = "TTL header missing or invalid" });
        }

        if (recorded.Header("Urgency") is { } urgency && urgency is not ("very-low" or "low" or "normal" or "high"))
        {
            return Answer(recorded, 400, new { reason = "invalid Urgency" });
        }

        if (recorded.Header("Topic") is { } topic && (topic.Length > 32 || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return Answer(recorded, 400, new { reason = "invalid Topic" });
        }

        if (VapidProblem(recorded.Header("Authorization"), browser) is { } vapid)
        {
            return Answer(recorded, 403, new { reason = vapid });
        }

        if (Faults.Outage)
        {
            return Answer(recorded, 503, new { reason = "service unavailable" });
        }

        if (Faults.TryTakeRateLimit(out var wait))
        {
            return Answer(recorded, 429, new { reason = "too many requests" },
                new Dictionary<string, string> { ["Retry-After"] = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) });
        }

        if (recorded.Body.Length > MaxBodyBytes)
        {
            return Answer(recorded, 413, new { reason = "payload too large" });
        }

        if (recorded.Header("Content-Encoding") != "aes128gcm")
        {
            return Answer(recorded, 415, new { reason = "Content-Encoding must be aes128gcm" });
        }

        byte[] plaintext;
        try
        {
            plaintext = WebPushDecryptor.Decrypt(recorded.Body, browser.Key, browser.Auth);
        }
        catch (CryptographicException exception)
        {
            return Answer(recorded, 400, new { reason = "cannot decrypt: " + exception.Message });
        }

        accepted.Enqueue((id, plaintext));
        var message = Interlocked.Increment(ref sequence);
        return Answer(recorded, 201, null, new Dictionary<string, string> { ["Location"] = new Uri(BaseAddress, $"message/{message}").AbsoluteUri });
    }

    private string? VapidProblem(string? authorization, Browser browser)
    {
        if (authorization is null || !authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return "Authorization must use the vapid scheme";
        }

        var parameters = authorization["vapid ".Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var k))
        {
            return "vapid needs t= and k=";
        }

        if (k != browser.ApplicationServerKey)
        {
            return "k does not match the subscription's applicationServerKey";
        }

        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(k)[1..33], Y = Base64Url.DecodeFromChars(k)[33..] },
        });
        var jwt = FakeJwt.TryParse(token);
        if (jwt is null || !jwt.VerifyEs256(key))
        {
            return "JWT signature invalid";
        }

        if (jwt.ClaimString("aud") != BaseAddress.GetLeftPart(UriPartial.Authority))
        {
            return "aud must be the push service origin";
        }

        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        if (jwt.ClaimNumber("exp") is not { } exp || exp <= now || exp > now + 24 * 3600)
        {
            return "exp must be in the future and within 24 hours";
        }

        if (jwt.ClaimString("sub") is not { } sub || !(sub.StartsWith("mailto:", StringComparison.Ordinal) || sub.StartsWith("https:", StringComparison.Ordinal)))
        {
            return "sub must be a mailto: or https: URI";
        }

        return null;
    }

    public JsonElement AcceptedJson(int index) => JsonDocument.Parse(Accepted[index].Plaintext).RootElement.Clone();

    private sealed record Browser(ECDiffieHellman Key, byte[] Auth, string ApplicationServerKey);
}
