using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Application;

namespace Notifications.Channels.Email.Bounces;

/// <summary>
/// Reads the bounce mailbox every <see cref="BounceMailboxOptions.PollInterval"/>: each delivery status notification
/// not yet processed is recorded as bounces, then given <see cref="BounceMailboxOptions.ProcessedKeyword"/> (and moved
/// to <see cref="BounceMailboxOptions.ProcessedFolder"/> when set). A report whose recording failed is left unflagged,
/// so the next poll tries it again; recording it twice changes nothing (the delivery is already bounced). Polls wait
/// until the silo is ready: before that no bounce could be recorded.
/// </summary>
internal sealed partial class ImapBouncePoller(
    IOptions<EmailOptions> options,
    IDeliveryService deliveries,
    ISiloReadiness readiness,
    TimeProvider time,
    ILogger<ImapBouncePoller> logger) : BackgroundService
{
    private readonly BounceMailboxOptions mailbox = options.Value.Bounces;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(mailbox.PollInterval, time);
        do
        {
            if (!readiness.IsReady)
            {
                continue;
            }
            try
            {
                await PollAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, exception, mailbox.Host!, mailbox.Folder);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over the unprocessed messages; answers how many were processed.</summary>
    internal async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = (int)mailbox.RequestTimeout.TotalMilliseconds };
        var security = mailbox.Tls switch
        {
            MailTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
            MailTlsMode.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(mailbox.Host!, mailbox.Port, security, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(mailbox.UserName!, mailbox.Password!, cancellationToken).ConfigureAwait(false);
        var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        var processedFolder = mailbox.ProcessedFolder is { } name ? await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false) : null;

        var pending = await folder.SearchAsync(SearchQuery.NotKeyword(BounceMailboxOptions.ProcessedKeyword), cancellationToken).ConfigureAwait(false);
        var processed = 0;
        foreach (var uid in pending.Take(mailbox.BatchSize))
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
            if (DeliveryStatusReport.Read(message, mailbox) is not { } bounces)
            {
                LogNotAReport(logger, uid.Id, message.Subject ?? "");
            }
            else
            {
                foreach (var bounce in bounces)
                {
                    var result = await deliveries.RecordEmailBounceAsync(bounce, cancellationToken).ConfigureAwait(false);
                    LogBounce(logger, bounce.MessageId, bounce.Status, bounce.IsHard, result);
                }
            }
            var flags = new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true };
            flags.Keywords.Add(BounceMailboxOptions.ProcessedKeyword);
            await folder.StoreAsync(uid, flags, cancellationToken).ConfigureAwait(false);
            if (processedFolder is not null)
            {
                await folder.MoveToAsync(uid, processedFolder, cancellationToken).ConfigureAwait(false);
            }
            processed++;
        }
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        return processed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bounce mailbox {Host}/{Folder} could not be read; trying again at the next poll.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string host, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bounce mailbox message {Uid} ('{Subject}') is no delivery status notification for one of our emails; flagged and left alone.")]
    private static partial void LogNotAReport(ILogger logger, uint uid, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bounce {Status} (hard: {Hard}) for {MessageId}: {Result}.")]
    private static partial void LogBounce(ILogger logger, string messageId, string status, bool hard, DeliveryTrackResult result);
}
