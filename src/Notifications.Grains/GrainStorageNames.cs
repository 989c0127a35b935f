namespace Notifications.Grains;

/// <summary>Names of the grain storage providers the grains use; a silo registers one provider under each.</summary>
public static class GrainStorageNames
{
    public const string Users = "users";

    /// <summary>Producer keys' daily request counts.</summary>
    public const string Quotas = "quotas";

    /// <summary>Campaign grains: definition, schedule, status, segment cursor and chunks in flight.</summary>
    public const string Campaigns = "campaigns";

    /// <summary>Every grain storage the grains use: a provider holding grain state registers each of them.</summary>
    public static readonly IReadOnlyList<string> All = [Users, Quotas, Campaigns];
}
