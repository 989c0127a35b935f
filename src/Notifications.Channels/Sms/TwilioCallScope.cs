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

    /// <summary>The HTTP status of the answer: the SDK reports 0 when the body was not a Twilio error (a proxy's 502 page).</summary>
    public int Status { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    public static TwilioCallScope Begin() => new();

    public void Answered(int status, TimeSpan? retryAfter)
    {
        Status = status;
        RetryAfter = retryAfter;
    }

    public void Dispose() => Ambient.Value = outer;
}
