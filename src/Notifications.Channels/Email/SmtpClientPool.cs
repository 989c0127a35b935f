using System.Net;
using System.Net.Mail;
using System.Threading.Channels;

namespace Notifications.Channels.Email;

/// <summary>SmtpClient handles one message at a time, so concurrency comes from several clients.</summary>
internal sealed class SmtpClientPool : IDisposable
{
    private readonly Channel<SmtpClient> idle;
    private readonly List<SmtpClient> all = [];

    public SmtpClientPool(EmailOptions options)
    {
        idle = Channel.CreateBounded<SmtpClient>(options.PoolSize);
        for (var i = 0; i < options.PoolSize; i++)
        {
            var client = new SmtpClient(options.Host, options.Port)
            {
                EnableSsl = options.UseStartTls,
                DeliveryMethod = SmtpDeliveryMethod.Network,
                Timeout = (int)options.RequestTimeout.TotalMilliseconds,
            };
            if (!string.IsNullOrWhiteSpace(options.UserName))
            {
                client.UseDefaultCredentials = false;
                client.Credentials = new NetworkCredential(options.UserName, options.Password);
            }

            all.Add(client);
            idle.Writer.TryWrite(client);
        }
    }

    public ValueTask<SmtpClient> RentAsync(CancellationToken cancellationToken) => idle.Reader.ReadAsync(cancellationToken);

    public void Return(SmtpClient client) => idle.Writer.TryWrite(client);

    public void Dispose()
    {
        idle.Writer.TryComplete();
        foreach (var client in all)
        {
            client.Dispose();
        }
    }
}
