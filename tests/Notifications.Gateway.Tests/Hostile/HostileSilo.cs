using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>A silo with a victim user (the {user} of generated routes) and that user's token.</summary>
public sealed class HostileSilo : SiloFixture
{
    /// <summary>Over a real connection, a server that fails mid-answer shows as a dropped connection, and Kestrel's own checks take part.</summary>
    protected override bool UseKestrel => true;

    public string Victim { get; private set; } = "";

    public string VictimToken { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Victim = await CreateUserAsync(NewUserId("victim"));
        VictimToken = await TokenForAsync(Victim);
    }
}
