namespace NotificationSilo;

/// <summary>
/// Mistakes in settings that are read while the host is built (which provider to register). They are reported when
/// the host starts, through options validation, so the operator sees them listed like any other invalid setting.
/// </summary>
internal sealed class ConfigurationFailures
{
    public List<string> Failures { get; } = [];
}
