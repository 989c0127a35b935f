namespace Notifications.Channels.Sms;

/// <summary>Twilio Programmable Messaging settings, bound from <c>Channels:Sms</c>.</summary>
public sealed class SmsOptions : TwilioAccountOptions
{
    public const string Section = "Channels:Sms";
}
