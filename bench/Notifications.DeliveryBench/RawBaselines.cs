using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Notifications.Channels.Fakes;
using Notifications.Channels.Webhook;

namespace Notifications.DeliveryBench;

/// <summary>
/// The same requests without our senders: precomputed bodies and credentials posted with a bare HttpClient. The
/// ratio of a sender's rate to its baseline is what our payload building, classification and resilience cost.
/// </summary>
internal static class RawBaselines
{
    public static async Task<int> ApnsAsync(FakeApnsServer fake, int messages, int concurrency, int maxConnections)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = maxConnections != 1,
            MaxConnectionsPerServer = maxConnections > 0 ? maxConnections : int.MaxValue,
        })
        {
            BaseAddress = fake.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var token = ProviderToken(fake);
        var body = """{"aps":{"alert":{"title":"Benchmark","body":"Raw HTTP/2 baseline"}}}"""u8.ToArray();
        var accepted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "3/device/" + FakeApnsServer.NewDeviceToken())
            {
                // The client's default version applies only to its shortcut methods, not to a message sent as is.
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
            request.Headers.Add("apns-topic", fake.BundleId);
            request.Headers.Add("apns-push-type", "alert");
            request.Headers.Add("apns-priority", "10");
            request.Headers.Add("apns-id", Guid.NewGuid().ToString("D"));
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref accepted);
            }
        });
        return accepted;
    }

    public static async Task<int> WebhookAsync(FakeWebhookReceiver fake, string secret, int messages, int concurrency)
    {
        using var http = new HttpClient();
        var signer = new WebhookSignature(secret);
        var url = fake.Hook("baseline");
        var body = """{"id":"baseline","title":"Benchmark","body":"Raw HTTP/1.1 baseline"}"""u8.ToArray();
        var accepted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, cancellationToken) =>
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, signer.Sign(timestamp, body));
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref accepted);
            }
        });
        return accepted;
    }

    /// <summary>An ES256 provider token for the fake's key, minted once like a real provider would.</summary>
    private static string ProviderToken(FakeApnsServer fake)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(fake.PrivateKeyPem);
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"ES256","kid":"{{fake.KeyId}}"}"""));
        var claims = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iss":"{{fake.TeamId}}","iat":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return header + "." + claims + "." + Base64Url.EncodeToString(signature);
    }
}
