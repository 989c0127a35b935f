using System.Globalization;
using Notifications.Channels.Fakes;

namespace Notifications.Delivery.Tests.Infrastructure;

/// <summary>Every provider fake on its own loopback port, and the Channels configuration that points a silo at them.</summary>
public sealed class ProviderFakes : IAsyncDisposable
{
    public const string WebhookSecret = "delivery-tests-webhook-secret-0123456789";
    public const string SmtpUser = "silo";
    public const string SmtpPassword = "delivery-tests-smtp-password";
    public const string SmsFrom = "+15005550006";
    public const string EmailFrom = "notifications@example.com";

    private ProviderFakes()
    {
    }

    public FakeFcmServer Fcm { get; } = new();
    public FakeApnsServer Apns { get; } = new();
    public FakeWebPushServer WebPush { get; } = new();
    public FakeTwilioServer Twilio { get; } = new();
    public FakeWebhookReceiver Webhook { get; } = new(WebhookSecret);
    public FakeSmtpServer Smtp { get; } = new(SmtpUser, SmtpPassword);
    public (string PublicKey, string PrivateKey) Vapid { get; } = FakeWebPushServer.NewVapidKeys();

    public static async Task<ProviderFakes> StartAsync()
    {
        var fakes = new ProviderFakes();
        await fakes.Fcm.StartAsync();
        await fakes.Apns.StartAsync();
        await fakes.WebPush.StartAsync();
        await fakes.Twilio.StartAsync();
        await fakes.Webhook.StartAsync();
        fakes.Smtp.Start();
        return fakes;
    }

    /// <summary>The Channels:* settings of a silo that talks to these fakes, as flat configuration keys.</summary>
    public Dictionary<string, string?> Settings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Channels:Fcm:ServiceAccountJson"] = Fcm.ServiceAccountJson(),
        ["Channels:Fcm:BaseAddress"] = Fcm.BaseAddress.AbsoluteUri,
        ["Channels:Apns:TeamId"] = Apns.TeamId,
        ["Channels:Apns:KeyId"] = Apns.KeyId,
        ["Channels:Apns:PrivateKey"] = Apns.PrivateKeyPem,
        ["Channels:Apns:BundleId"] = Apns.BundleId,
        ["Channels:Apns:BaseAddress"] = Apns.BaseAddress.AbsoluteUri,
        ["Channels:WebPush:Subject"] = "mailto:ops@example.com",
        ["Channels:WebPush:PublicKey"] = Vapid.PublicKey,
        ["Channels:WebPush:PrivateKey"] = Vapid.PrivateKey,
        ["Channels:Sms:AccountSid"] = Twilio.AccountSid,
        ["Channels:Sms:AuthToken"] = Twilio.AuthToken,
        ["Channels:Sms:From"] = SmsFrom,
        ["Channels:Sms:BaseAddress"] = Twilio.BaseAddress.AbsoluteUri,
        ["Channels:WhatsApp:AccountSid"] = Twilio.AccountSid,
        ["Channels:WhatsApp:AuthToken"] = Twilio.AuthToken,
        ["Channels:WhatsApp:From"] = SmsFrom,
        ["Channels:WhatsApp:BaseAddress"] = Twilio.BaseAddress.AbsoluteUri,
        ["Channels:Webhook:SigningSecret"] = WebhookSecret,
        ["Channels:Webhook:AllowInsecureHttp"] = "true",
        ["Channels:Email:Host"] = "127.0.0.1",
        ["Channels:Email:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Channels:Email:UseStartTls"] = "false",
        ["Channels:Email:UserName"] = SmtpUser,
        ["Channels:Email:Password"] = SmtpPassword,
        ["Channels:Email:From"] = EmailFrom,
        ["Channels:Email:UnsubscribeMailto"] = "unsubscribe@example.com",
        ["Channels:Email:UnsubscribeSecret"] = "delivery-tests-unsubscribe-secret-0123",
    };

    public async ValueTask DisposeAsync()
    {
        await Fcm.DisposeAsync();
        await Apns.DisposeAsync();
        await WebPush.DisposeAsync();
        await Twilio.DisposeAsync();
        await Webhook.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
