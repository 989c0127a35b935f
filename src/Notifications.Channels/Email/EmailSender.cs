using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

/// <summary>Submits each message over a pooled, authenticated MailKit SMTP session.</summary>
internal sealed class EmailSender : IChannelSender, IDisposable
{
    private readonly EmailOptions options;
    private readonly EmailMessageFactory factory;
    private readonly SmtpConnectionPool pool;

    public EmailSender(IOptions<EmailOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        factory = new EmailMessageFactory(this.options, time);
        pool = new SmtpConnectionPool(this.options, time);
    }

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!EmailAddresses.TryParse(request.Target, out var to))
        {
            return DeliveryOutcome.TargetDead($"'{request.Target}' is not an e-mail address");
        }

        var size = EmailMessageFactory.EstimateSize(request.Content);
        if (size > options.MaxMessageBytes)
        {
            return DeliveryOutcome.Permanent($"payload too large: {size} bytes, the limit is {options.MaxMessageBytes}");
        }

        var message = factory.Create(request, to);
        SmtpConnection? connection = null;
        var broken = true;
        try
        {
            connection = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await SendOnAsync(connection, message, to, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (connection.Reused && IsDroppedSession(exception) && !cancellationToken.IsCancellationRequested)
            {
                // The server closed the idle session before our message was accepted: one try on a fresh session.
                connection = await pool.ReplaceAsync(connection, cancellationToken).ConfigureAwait(false);
                await SendOnAsync(connection, message, to, cancellationToken).ConfigureAwait(false);
            }
            broken = false;
            return DeliveryOutcome.Sent(factory.MessageId(request));
        }
        catch (SmtpCommandException exception)
        {
            // A refused command ends the transaction, not the session: MailKit resets it and the session goes back.
            broken = exception.StatusCode == SmtpStatusCode.ServiceNotAvailable;
            return SmtpErrorClassifier.Classify(exception)!;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && SmtpErrorClassifier.Classify(exception) is { } outcome)
        {
            return outcome;
        }
        finally
        {
            if (connection is not null)
            {
                await pool.ReturnAsync(connection, broken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendOnAsync(SmtpConnection connection, MimeMessage message, MailboxAddress to, CancellationToken cancellationToken)
    {
        await connection.Client.SendAsync(message, factory.ReturnPath, [to], cancellationToken).ConfigureAwait(false);
        connection.MessagesSent++;
    }

    /// <summary>421, a reset socket or a half-closed stream: what a server's idle timeout looks like to the next command.</summary>
    private static bool IsDroppedSession(Exception exception) => exception
        is IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or SmtpProtocolException
        || exception is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    public void Dispose() => pool.Dispose();
}
