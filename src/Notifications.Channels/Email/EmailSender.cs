using System.Net.Mail;
using Microsoft.Extensions.Options;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

internal sealed class EmailSender : IChannelSender, IDisposable
{
    private readonly EmailOptions options;
    private readonly EmailMessageFactory factory;
    private readonly SmtpClientPool pool;

    public EmailSender(IOptions<EmailOptions> options)
    {
        this.options = options.Value;
        factory = new EmailMessageFactory(this.options);
        pool = new SmtpClientPool(this.options);
    }

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!MailAddress.TryCreate(request.Target, out var to))
        {
            return DeliveryOutcome.TargetDead($"'{request.Target}' is not an e-mail address");
        }

        var size = EmailMessageFactory.EstimateSize(request.Content);
        if (size > options.MaxMessageBytes)
        {
            return DeliveryOutcome.Permanent($"payload too large: {size} bytes, the limit is {options.MaxMessageBytes}");
        }

        using var message = factory.Create(request, to);
        var client = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent(factory.MessageId(request));
        }
        catch (SmtpException exception)
        {
            return SmtpErrorClassifier.Classify(exception);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"SMTP session failed: {exception.Message}");
        }
        finally
        {
            pool.Return(client);
        }
    }

    public void Dispose() => pool.Dispose();
}
