using System.Text.Json;
using Notifications.Channels.Fakes;

// Starts every provider fake on fixed ports for local demos and writes the Channels configuration a silo
// needs to talk to them. Stops on Ctrl+C, or after --minutes N (default 60) so it never lingers.
var settings = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables("FAKES_").Build();
int Port(string name, int fallback) => settings.GetValue($"ports:{name}", fallback);
var minutes = settings.GetValue("minutes", 60);
var configPath = settings["write-config"] ?? "channels.fakes.json";
// Where the silo will listen: tracking links, the unsubscribe link and Twilio's StatusCallback point there.
var siloUrl = settings["silo-url"] ?? "http://localhost:5000/";

await using var fcm = new FakeFcmServer();
await using var apns = new FakeApnsServer();
await using var webPush = new FakeWebPushServer();
await using var twilio = new FakeTwilioServer();
const string webhookSecret = "fake-webhook-secret-0123456789";
await using var webhook = new FakeWebhookReceiver(webhookSecret);
await using var smtp = new FakeSmtpServer("silo", "fake-smtp-password");

await fcm.StartAsync(Port("fcm", 7301));
await apns.StartAsync(Port("apns", 7302));
await webPush.StartAsync(Port("webpush", 7303));
await twilio.StartAsync(Port("twilio", 7304));
await webhook.StartAsync(Port("webhook", 7305));
smtp.Start(Port("smtp", 7325));
var vapid = FakeWebPushServer.NewVapidKeys();
var demoSubscription = webPush.Subscribe(vapid.PublicKey);

var channels = new Dictionary<string, object>
{
    ["Fcm"] = new { ServiceAccountJson = fcm.ServiceAccountJson(), BaseAddress = fcm.BaseAddress.AbsoluteUri },
    ["Apns"] = new { apns.TeamId, apns.KeyId, PrivateKey = apns.PrivateKeyPem, apns.BundleId, BaseAddress = apns.BaseAddress.AbsoluteUri },
    ["WebPush"] = new { Subject = "mailto:ops@example.com", vapid.PublicKey, vapid.PrivateKey },
    ["Sms"] = new { twilio.AccountSid, twilio.AuthToken, From = "+15005550006", BaseAddress = twilio.BaseAddress.AbsoluteUri },
    ["WhatsApp"] = new { twilio.AccountSid, twilio.AuthToken, From = "+15005550006", BaseAddress = twilio.BaseAddress.AbsoluteUri },
    ["Webhook"] = new { SigningSecret = webhookSecret, AllowInsecureHttp = true },
    ["Email"] = new
    {
        Host = "127.0.0.1",
        smtp.Port,
        UseStartTls = false,
        smtp.UserName,
        smtp.Password,
        From = "notifications@example.com",
        UnsubscribeMailto = "unsubscribe@example.com",
        UnsubscribeSecret = "fake-unsubscribe-secret-0123456789",
    },
};
var tracking = new { PublicBaseUrl = siloUrl, Secret = "fake-tracking-secret-0123456789" };
var json = JsonSerializer.Serialize(new { Channels = channels, Tracking = tracking }, new JsonSerializerOptions { WriteIndented = true });
await File.WriteAllTextAsync(configPath, json);

Console.WriteLine($"FCM      {fcm.BaseAddress} (token endpoint {fcm.TokenUri})");
Console.WriteLine($"APNs     {apns.BaseAddress} (cleartext HTTP/2)");
Console.WriteLine($"WebPush  {webPush.BaseAddress} demo subscription: {JsonSerializer.Serialize(demoSubscription, Notifications.NotificationJson.Options)}");
Console.WriteLine($"Twilio   {twilio.BaseAddress}");
Console.WriteLine($"Webhook  {webhook.Hook("demo")}");
Console.WriteLine($"SMTP     127.0.0.1:{smtp.Port}");
Console.WriteLine($"Silo     expected at {siloUrl} (tracking links, unsubscribe, Twilio StatusCallback)");
Console.WriteLine($"Channels configuration written to {Path.GetFullPath(configPath)}; stopping in {minutes} minutes or on Ctrl+C.");

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Shutting down.
}
