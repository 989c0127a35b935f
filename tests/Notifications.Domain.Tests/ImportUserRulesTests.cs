using Notifications.Domain.Commands;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>An import is a profile write and device registrations in one turn, by the same rules as each of them alone.</summary>
public sealed class ImportUserRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Device Android(string id, string token) => new() { Id = id, Kind = DeviceKind.Android, Token = token, RegisteredAt = T0 };

    [Fact]
    public void One_turn_registers_the_user_writes_the_directory_row_and_adds_the_devices()
    {
        var harness = new RulesHarness("i1");

        var effects = harness.Run(new ImportUserCommand
        {
            UserId = "i1",
            Profile = new UserProfile { DisplayName = "Ada", Locale = "fr-CA", Tags = ["trial"] },
            Devices = [Android("dev_1", "fcm-a"), Android("dev_2", "fcm-b")],
        }, T0);

        Assert.True(harness.LastTurnDurable);
        Assert.True(harness.Rules.State.Registered);
        Assert.Equal("Ada", harness.Rules.State.Profile.DisplayName);
        Assert.Equal(["dev_1", "dev_2"], harness.Rules.State.Devices.Select(d => d.Id));
        Assert.Equal(("i1", "fr-CA", T0), (effects.Directory!.UserId, effects.Directory.Locale, effects.Directory.RegisteredAt));
        Assert.Equal(["trial"], effects.Directory.Tags);
    }

    [Fact]
    public void Importing_again_replaces_the_profile_and_a_device_of_the_same_address_but_keeps_the_first_registration()
    {
        var harness = new RulesHarness("i2");
        harness.Run(new ImportUserCommand { UserId = "i2", Profile = new UserProfile { Tags = ["trial"] }, Devices = [Android("dev_1", "fcm-a")] }, T0);

        var again = harness.Run(new ImportUserCommand { UserId = "i2", Profile = new UserProfile { Tags = ["paid"] }, Devices = [Android("dev_2", "fcm-a")] }, T0.AddDays(1));

        Assert.Equal(["paid"], harness.Rules.State.Profile.Tags);
        Assert.Equal("dev_2", Assert.Single(harness.Rules.State.Devices).Id);
        Assert.Equal(T0, again.Directory!.RegisteredAt);
    }
}
