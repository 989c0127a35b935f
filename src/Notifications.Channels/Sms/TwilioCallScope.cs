namespace Notifications.Channels.Sms;

/// <summary>
/// What the HTTP pipeline saw during one SDK call, for the caller that started it: the SDK's call runs in the
/// caller's async flow, so the scope set here is the one the handler below the SDK finds.
/// </summary>
internal sealed class TwilioCallScope : IDisposable
{
    private static readonly AsyncLocal<TwilioCallScope?> Ambient = new();

    private readonly TwilioCallScope? outer;

    private TwilioCallScope()
    {
        outer = Ambient.Value;
        Ambient.Value = this;
    }

    public static TwilioCallScope? Current => Ambient.Value;

    public TimeSpan? RetryAfter { get; private set; }

    public static TwilioCallScope Begin() => new();

    public void Answered(TimeSpan? retryAfter) => RetryAfter = retryAfter;

    public void Dispose() => Ambient.Value = outer;
}
