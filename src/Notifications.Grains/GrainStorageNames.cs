namespace Notifications.Grains;

/// <summary>Names of the grain storage providers the grains use; a silo registers one provider under each.</summary>
public static class GrainStorageNames
{
    public const string Users = "users";

    /// <summary>Producer keys' daily request counts.</summary>
    public const string Quotas = "quotas";

    /// <summary>Campaign grains: definition, schedule, status, segment cursor and chunks in flight.</summary>
    public const string Campaigns = "campaigns";
}
