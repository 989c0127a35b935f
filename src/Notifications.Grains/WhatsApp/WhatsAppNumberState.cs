namespace Notifications.Grains.WhatsApp;

public sealed class WhatsAppNumberState
{
    public List<string> Users { get; set; } = [];
}
