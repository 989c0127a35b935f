namespace Notifications.Channels.Email.Bounces;

/// <summary>The bounce mailbox settings are part of the email section and validated with it.</summary>
internal static class BounceMailboxOptionsValidator
{
    public static IEnumerable<string> Validate(BounceMailboxOptions options, string section)
    {
        if (options.Port is < 1 or > 65535)
        {
            yield return $"{section}:Port must be between 1 and 65535, not {options.Port}.";
        }
        if (!Enum.IsDefined(options.Tls))
        {
            yield return $"{section}:Tls must be Implicit, StartTls or None, not '{options.Tls}'.";
        }
        if (options.Enabled && (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrEmpty(options.Password)))
        {
            yield return $"{section}:UserName and Password are required to log in to the bounce mailbox.";
        }
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            yield return $"{section}:Folder must name the mailbox folder to read, not '{options.Folder}'.";
        }
        if (options.ProcessedFolder is { } processed && (string.IsNullOrWhiteSpace(processed) || processed == options.Folder))
        {
            yield return $"{section}:ProcessedFolder must be another folder than Folder, not '{processed}'.";
        }
        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromDays(1))
        {
            yield return $"{section}:PollInterval must be between 1 second and 1 day, not {options.PollInterval}.";
        }
        if (options.HardBounceLimit is < 1 or > 100)
        {
            yield return $"{section}:HardBounceLimit must be between 1 and 100, not {options.HardBounceLimit}.";
        }
        if (options.BatchSize is < 1 or > 10_000)
        {
            yield return $"{section}:BatchSize must be between 1 and 10000, not {options.BatchSize}.";
        }
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            yield return $"{section}:RequestTimeout must be positive, not {options.RequestTimeout}.";
        }
    }
}
