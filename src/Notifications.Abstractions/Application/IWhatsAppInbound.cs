namespace Notifications.Application;

/// <summary>Messages WhatsApp users sent us (Twilio's inbound webhook): they open the session window, and STOP opts out.</summary>
public interface IWhatsAppInbound
{
    /// <summary>Applies one inbound message from <paramref name="number"/> (E.164) to every user registered with it; answers how many.</summary>
    Task<int> RecordAsync(string number, string? body, CancellationToken cancellationToken);
}
