namespace Notifications.Runtime.Hosting;

internal sealed class SiloReadiness : ISiloReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
