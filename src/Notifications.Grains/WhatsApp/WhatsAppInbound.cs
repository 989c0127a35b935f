using Notifications.Application;

namespace Notifications.Grains.WhatsApp;

internal sealed class WhatsAppInbound(WhatsAppNumbers numbers, UserGrains users) : IWhatsAppInbound
{
    public async Task<int> RecordAsync(string number, string? body, CancellationToken cancellationToken)
    {
        var linked = await numbers.Get(number).GetUsersAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var userId in linked)
        {
            await users.Get(userId).RecordWhatsAppInboundAsync(number, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return linked.Count;
    }
}
