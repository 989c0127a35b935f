namespace Notifications.Grains.Quotas;

/// <summary>Requests reserved by gateways on <see cref="Day"/> (UTC); a new day starts from zero.</summary>
public sealed class ProducerQuotaState
{
    public DateOnly Day { get; set; }
    public long Reserved { get; set; }
}
