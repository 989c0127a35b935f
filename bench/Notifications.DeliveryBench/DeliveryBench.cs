using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Channels.Fakes;
using Notifications.Delivery;

namespace Notifications.DeliveryBench;

/// <summary>
/// Delivery throughput per channel: the silo's real senders (behind their resilience wrapper, built by
/// AddNotificationChannels exactly as the silo builds them) against the local provider fakes, with APNs over one
/// HTTP/2 connection and over several, and raw-HttpClient baselines to the same fakes measured in the same run.
/// Usage: dotnet run -c Release --project bench/Notifications.DeliveryBench [-- --messages 3000 --concurrency 64 --apns-concurrency 256]
/// [--only email] [--old-channels path/to/an/older/Notifications.Channels.dll (its email sender is measured as the baseline)]
/// </summary>
internal static class DeliveryBench
{
    private const string WebhookSecret = "bench-webhook-secret-0123456789";

    public static async Task<int> Main(string[] args)
    {
        var messages = 3000;
        var concurrency = 64;
        var apnsConcurrency = 256;
        string? only = null;
        OldChannelsContext? oldChannels = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--messages": messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--apns-concurrency": apnsConcurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--only": only = args[i + 1]; break;
                case "--old-channels": oldChannels = new OldChannelsContext(args[i + 1]); break;
                default: throw new ArgumentException($"Unknown option {args[i]} (known: --messages, --concurrency, --apns-concurrency, --only email, --old-channels).");
            }
        }

        var results = new List<BenchResult>();
        if (only is "email")
        {
            await MeasureEmailAsync(results, messages, concurrency, oldChannels);
            Report(results, messages, concurrency, apnsConcurrency);
            return results.All(r => r.Accepted == r.Messages) ? 0 : 1;
        }

        // On loopback the provider answers at once; 50 ms stands in for a real round trip to Apple, where the
        // streams one connection may carry (Kestrel's default SETTINGS: 100) cap what it can have in flight.
        foreach (var latency in new[] { 0, 50 })
        {
            foreach (var connections in new[] { 1, 4 })
            {
                var suffix = $"{connections} HTTP/2 connection{(connections == 1 ? "" : "s")}, {latency} ms provider latency";
                await using (var apns = new FakeApnsServer())
                {
                    await apns.StartAsync();
                    apns.Faults.Latency = TimeSpan.FromMilliseconds(latency);
                    results.Add(await MeasureSenderAsync("APNs", "sender, " + suffix, DeliveryChannel.Apns, messages, apnsConcurrency, () => apns.Connections, new()
                    {
                        ["Channels:Apns:TeamId"] = apns.TeamId,
                        ["Channels:Apns:KeyId"] = apns.KeyId,
                        ["Channels:Apns:PrivateKey"] = apns.PrivateKeyPem,
                        ["Channels:Apns:BundleId"] = apns.BundleId,
                        ["Channels:Apns:BaseAddress"] = apns.BaseAddress.AbsoluteUri,
                        ["Channels:Apns:MaxConnections"] = connections.ToString(CultureInfo.InvariantCulture),
                    }, _ => FakeApnsServer.NewDeviceToken()));
                }
                await using (var apns = new FakeApnsServer())
                {
                    await apns.StartAsync();
                    apns.Faults.Latency = TimeSpan.FromMilliseconds(latency);
                    results.Add(await MeasureAsync("APNs", "raw HttpClient, " + suffix, messages, () => apns.Connections,
                        () => RawBaselines.ApnsAsync(apns, messages, apnsConcurrency, connections)));
                }
            }
        }

        await using (var fcm = new FakeFcmServer())
        {
            await fcm.StartAsync();
            results.Add(await MeasureSenderAsync("FCM", "sender (OAuth token cached)", DeliveryChannel.Fcm, messages, concurrency, () => fcm.Connections, new()
            {
                ["Channels:Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson(),
                ["Channels:Fcm:BaseAddress"] = fcm.BaseAddress.AbsoluteUri,
            }, i => $"bench-token-{i}"));
        }

        await using (var webPush = new FakeWebPushServer())
        {
            await webPush.StartAsync();
            var vapid = FakeWebPushServer.NewVapidKeys();
            var subscriptions = Enumerable.Range(0, 64)
                .Select(_ => JsonSerializer.Serialize(webPush.Subscribe(vapid.PublicKey), Notifications.NotificationJson.Options))
                .ToArray();
            results.Add(await MeasureSenderAsync("Web Push", "sender (aes128gcm + VAPID)", DeliveryChannel.WebPush, messages, concurrency, () => webPush.Connections, new()
            {
                ["Channels:WebPush:Subject"] = "mailto:bench@example.com",
                ["Channels:WebPush:PublicKey"] = vapid.PublicKey,
                ["Channels:WebPush:PrivateKey"] = vapid.PrivateKey,
            }, i => subscriptions[i % subscriptions.Length]));
        }

        await using (var twilio = new FakeTwilioServer())
        {
            await twilio.StartAsync();
            results.Add(await MeasureSenderAsync("SMS (Twilio)", "sender", DeliveryChannel.Sms, messages, concurrency, () => twilio.Connections, new()
            {
                ["Channels:Sms:AccountSid"] = twilio.AccountSid,
                ["Channels:Sms:AuthToken"] = twilio.AuthToken,
                ["Channels:Sms:From"] = "+15005550006",
                ["Channels:Sms:BaseAddress"] = twilio.BaseAddress.AbsoluteUri,
            }, i => "+1415" + (5550000 + (i % 9999)).ToString(CultureInfo.InvariantCulture)));
        }

        await using (var webhook = new FakeWebhookReceiver(WebhookSecret))
        {
            await webhook.StartAsync();
            results.Add(await MeasureSenderAsync("Webhook", "sender", DeliveryChannel.Webhook, messages, concurrency, () => webhook.Connections, new()
            {
                ["Channels:Webhook:SigningSecret"] = WebhookSecret,
                ["Channels:Webhook:AllowInsecureHttp"] = "true",
            }, _ => webhook.Hook("bench").AbsoluteUri));
        }
        await using (var webhook = new FakeWebhookReceiver(WebhookSecret))
        {
            await webhook.StartAsync();
            results.Add(await MeasureAsync("Webhook", "raw HttpClient", messages, () => webhook.Connections,
                () => RawBaselines.WebhookAsync(webhook, WebhookSecret, messages, concurrency)));
        }

        await MeasureEmailAsync(results, Math.Max(100, messages / 5), concurrency, oldChannels);

        Report(results, messages, concurrency, apnsConcurrency);
        return results.All(r => r.Accepted == r.Messages) ? 0 : 1;
    }

    /// <summary>
    /// MailKit's pooled sessions, then (with <c>--old-channels</c>) the old System.Net.Mail pool as the baseline, each
    /// against its own fake SMTP server with the same pool size, one after the other.
    /// </summary>
    private static async Task MeasureEmailAsync(List<BenchResult> results, int messages, int concurrency, OldChannelsContext? oldChannels)
    {
        foreach (var (variant, build) in new (string, OldChannelsContext?)[] { ("sender (MailKit), pool of 8 sessions", null), ("raw: old System.Net.Mail pool of 8", oldChannels) })
        {
            if (variant.StartsWith("raw", StringComparison.Ordinal) && build is null)
            {
                continue;
            }
            await using var smtp = new FakeSmtpServer("bench", "bench-password");
            smtp.Start();
            results.Add(await MeasureSenderAsync("Email (SMTP)", variant, DeliveryChannel.Email, messages, concurrency, () => smtp.Connections, new()
            {
                ["Channels:Email:Host"] = "127.0.0.1",
                ["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Channels:Email:UseStartTls"] = "false",
                ["Channels:Email:UserName"] = "bench",
                ["Channels:Email:Password"] = "bench-password",
                ["Channels:Email:From"] = "bench@example.com",
                ["Channels:Email:PoolSize"] = "8",
                ["Channels:Email:UnsubscribeUrl"] = "https://bench.example.com/api/v1/unsubscribe",
                ["Channels:Email:UnsubscribeMailto"] = "unsubscribe@example.com",
                ["Channels:Email:UnsubscribeSecret"] = "bench-unsubscribe-secret-0123456789",
            }, i => $"reader{i % 1000}@example.org", build));
        }
    }

    private static async Task<BenchResult> MeasureSenderAsync(
        string channel, string variant, DeliveryChannel transport, int messages, int concurrency, Func<int> connections,
        Dictionary<string, string?> settings, Func<int, string> target, OldChannelsContext? build = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        if (build is null)
        {
            collection.AddNotificationChannels(configuration);
        }
        else
        {
            build.AddNotificationChannels(collection, configuration);
        }
        await using var services = collection.BuildServiceProvider();
        var sender = services.GetServices<IChannelSender>().Single(s => s.Channel == transport);
        var content = new RenderedContent("Benchmark", "A delivery measured against the provider fake.", "<p>A delivery measured against the provider fake.</p>",
            "bench", "bench.run", new Dictionary<string, string> { ["run"] = "1" });
        var warmUp = Math.Min(200, messages);
        await SendAsync(sender, transport, warmUp, concurrency, target, content, offset: messages);
        return await MeasureAsync(channel, variant, messages, connections, () => SendAsync(sender, transport, messages, concurrency, target, content, offset: 0));
    }

    private static async Task<int> SendAsync(IChannelSender sender, DeliveryChannel transport, int messages, int concurrency, Func<int, string> target, RenderedContent content, int offset)
    {
        var sent = 0;
        var notification = Guid.NewGuid();
        await Parallel.ForEachAsync(Enumerable.Range(offset, messages), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellationToken) =>
        {
            var request = new DeliveryRequest(i + 1, notification, "bench-user", transport, target(i), Notifications.Priority.High, 1, $"{notification:N}:{i}", content);
            var outcome = await sender.SendAsync(request, cancellationToken);
            if (outcome.Kind == DeliveryOutcomeKind.Sent)
            {
                Interlocked.Increment(ref sent);
            }
            else
            {
                Console.Error.WriteLine($"{transport} {i}: {outcome.Kind} {outcome.Reason}");
            }
        });
        return sent;
    }

    private static async Task<BenchResult> MeasureAsync(string channel, string variant, int messages, Func<int> connections, Func<Task<int>> run)
    {
        var watch = Stopwatch.StartNew();
        var accepted = await run();
        watch.Stop();
        var result = new BenchResult(channel, variant, messages, accepted, watch.Elapsed, connections());
        Console.Error.WriteLine($"{channel,-14} {variant,-40} {result.PerSecond,10:N0} msg/s");
        return result;
    }

    private static void Report(List<BenchResult> results, int messages, int concurrency, int apnsConcurrency)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Console.WriteLine($"{messages} messages per run (email: {results.FirstOrDefault(r => r.Channel.StartsWith("Email", StringComparison.Ordinal))?.Messages}), {concurrency} in flight ({apnsConcurrency} for APNs), after a warm-up of up to 200.");
        Console.WriteLine();
        Console.WriteLine("| Channel | Variant | Messages | Accepted | Seconds | Messages/s | Connections | vs raw baseline |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var baseline = Baseline(results, result);
            var ratio = baseline is null || ReferenceEquals(baseline, result) ? "" : (result.PerSecond / baseline.PerSecond).ToString("P0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Channel} | {result.Variant} | {result.Messages} | {result.Accepted} | {result.Elapsed.TotalSeconds:0.00} | {result.PerSecond:N0} | {result.Connections} | {ratio} |"));
        }
    }

    /// <summary>The raw run of the same channel with the same connection count, if there is one.</summary>
    private static BenchResult? Baseline(List<BenchResult> results, BenchResult result) =>
        results.FirstOrDefault(r => r.Channel == result.Channel && r.Variant.StartsWith("raw", StringComparison.Ordinal)
            && r.PerSecond > 0
            && (result.Channel != "APNs" || r.Variant.EndsWith(result.Variant[result.Variant.IndexOf(',', StringComparison.Ordinal)..], StringComparison.Ordinal)));
}
