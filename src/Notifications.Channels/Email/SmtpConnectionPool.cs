using System.Collections.Concurrent;
using MailKit.Security;

namespace Notifications.Channels.Email;

/// <summary>
/// At most <see cref="EmailOptions.PoolSize"/> SMTP sessions, connected, secured and authenticated once and then
/// reused for many messages. A connection that failed, idled past <see cref="EmailOptions.ConnectionIdleTimeout"/>
/// or carried <see cref="EmailOptions.MaxMessagesPerConnection"/> messages is closed instead of going back.
/// </summary>
internal sealed class SmtpConnectionPool : IDisposable
{
    private readonly EmailOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentStack<SmtpConnection> idle = new();
    private readonly SecureSocketOptions security;

    public SmtpConnectionPool(EmailOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
        security = options.UseImplicitTls ? SecureSocketOptions.SslOnConnect
            : options.UseStartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
    }

    /// <summary>Waits for a free slot, then hands out an idle connection still fit for use, or opens a new one.</summary>
    public async Task<SmtpConnection> RentAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (idle.TryPop(out var connection))
            {
                if (Usable(connection))
                {
                    connection.Reused = true;
                    return connection;
                }
                await CloseAsync(connection).ConfigureAwait(false);
            }
            return await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Closes a connection that failed and opens a new one in the caller's slot. If opening fails, the caller still
    /// holds the slot and gives it back by returning the closed connection.
    /// </summary>
    public async Task<SmtpConnection> ReplaceAsync(SmtpConnection broken, CancellationToken cancellationToken)
    {
        await CloseAsync(broken).ConfigureAwait(false);
        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReturnAsync(SmtpConnection connection, bool broken)
    {
        try
        {
            connection.LastUsedAt = time.GetUtcNow();
            if (broken || !Usable(connection))
            {
                await CloseAsync(connection).ConfigureAwait(false);
            }
            else
            {
                idle.Push(connection);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private bool Usable(SmtpConnection connection) =>
        connection.Client.IsConnected && connection.Client.IsAuthenticated == !string.IsNullOrEmpty(options.UserName)
        && connection.MessagesSent < options.MaxMessagesPerConnection
        && time.GetUtcNow() - connection.LastUsedAt < options.ConnectionIdleTimeout;

    private async Task<SmtpConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new EnvelopeIdSmtpClient { Timeout = (int)options.RequestTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password!, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return new SmtpConnection(client, time.GetUtcNow());
    }

    private static async Task CloseAsync(SmtpConnection connection)
    {
        try
        {
            if (connection.Client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.Client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Net.Smtp.SmtpCommandException)
        {
            // The session is gone either way; QUIT is only politeness.
        }
        finally
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        while (idle.TryPop(out var connection))
        {
            CloseAsync(connection).GetAwaiter().GetResult();
        }
    }
}
