namespace Notifications.DeliveryBench;

/// <summary>One measured run: how many messages the provider fake accepted, how fast, over how many connections.</summary>
internal sealed record BenchResult(string Channel, string Variant, int Messages, int Accepted, TimeSpan Elapsed, int Connections)
{
    public double PerSecond => Accepted / Elapsed.TotalSeconds;
}
