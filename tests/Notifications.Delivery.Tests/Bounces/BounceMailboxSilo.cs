using System.Globalization;
using Notifications.Delivery.Tests.Infrastructure;

namespace Notifications.Delivery.Tests.Bounces;

/// <summary>A private dovecot holding the bounce mailbox, and a silo that polls it every second.</summary>
public sealed class BounceMailboxSilo : IAsyncLifetime
{
    public const string ReturnPath = "bounces@example.com";

    public DovecotServer Imap { get; private set; } = null!;

    public DeliverySilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Imap = await DovecotServer.StartAsync();
        Silo = await DeliverySilo.StartAsync(new Dictionary<string, string?>
        {
            ["Channels:Email:ReturnPath"] = ReturnPath,
            ["Channels:Email:Bounces:Host"] = "127.0.0.1",
            ["Channels:Email:Bounces:Port"] = Imap.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:Bounces:Tls"] = "None",
            ["Channels:Email:Bounces:UserName"] = DovecotServer.UserName,
            ["Channels:Email:Bounces:Password"] = DovecotServer.Password,
            ["Channels:Email:Bounces:PollInterval"] = "00:00:01",
            ["Channels:Email:Bounces:ProcessedFolder"] = DovecotServer.ProcessedFolder,
            ["Channels:Email:Bounces:HardBounceLimit"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Imap.DisposeAsync();
    }
}
