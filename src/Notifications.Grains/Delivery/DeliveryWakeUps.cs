using Notifications.Delivery;

namespace Notifications.Grains.Delivery;

/// <summary>One wake-up per (channel, lane) worker, so new jobs start without waiting for the poll interval.</summary>
internal sealed class DeliveryWakeUps
{
    private readonly WakeSignal[,] _signals;

    public DeliveryWakeUps()
    {
        _signals = new WakeSignal[Enum.GetValues<DeliveryChannel>().Length, Enum.GetValues<Priority>().Length];
        for (var c = 0; c < _signals.GetLength(0); c++)
        {
            for (var l = 0; l < _signals.GetLength(1); l++)
            {
                _signals[c, l] = new WakeSignal();
            }
        }
    }

    public void Wake(DeliveryChannel channel, Priority lane) => _signals[(int)channel, (int)lane].Set();

    public WakeSignal For(DeliveryChannel channel, Priority lane) => _signals[(int)channel, (int)lane];
}
