using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Sms;

internal sealed class TwilioSmsSender : IChannelSender, IDisposable
{
    /// <summary>Twilio refuses bodies longer than this many characters (21617).</summary>
    public const int MaxBodyLength = 1600;

    private readonly SmsOptions options;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly Uri messagesUri;

    public TwilioSmsSender(IOptions<SmsOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = this.options.RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{this.options.AccountSid}:{this.options.AuthToken}")));
        messagesUri = new Uri(this.options.BaseAddress, $"2010-04-01/Accounts/{this.options.AccountSid}/Messages.json");
    }

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!SmsNumbers.IsE164(request.Target))
        {
            return DeliveryOutcome.TargetDead($"'{request.Target}' is not an E.164 phone number");
        }

        var body = request.Content.Body;
        if (body.Length > MaxBodyLength)
        {
            return DeliveryOutcome.Permanent($"payload too large: {body.Length} characters, Twilio accepts at most {MaxBodyLength}");
        }

        var form = new List<KeyValuePair<string, string>> { new("To", request.Target) };
        form.Add(string.IsNullOrWhiteSpace(options.MessagingServiceSid)
            ? new("From", options.From!)
            : new("MessagingServiceSid", options.MessagingServiceSid));
        form.Add(new("Body", body));
        if (options.StatusCallbackUrl is not null)
        {
            form.Add(new("StatusCallback", options.StatusCallbackUrl));
        }

        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(messagesUri, content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return TwilioErrorClassifier.Classify((int)response.StatusCode, text, RetryAfterHeader.Read(response, time));
        }
        catch (Exception exception) when (HttpFailures.Classify(exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    public void Dispose() => http.Dispose();
}
