using Notifications.Domain.Commands;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>The directory row is an effect of profile turns only: a notification never rewrites it.</summary>
public sealed class DirectoryEffectTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_profile_write_emits_the_directory_row_keeping_the_first_registration_instant()
    {
        var harness = new RulesHarness("d1");
        var first = harness.Run(new UpsertProfileCommand { UserId = "d1", Profile = new UserProfile { Locale = "fr-CA", TimeZone = "America/Toronto", Tags = ["trial"] } }, T0);
        var second = harness.Run(new UpsertProfileCommand { UserId = "d1", Profile = new UserProfile { Tags = ["paid"] } }, T0.AddDays(1));

        Assert.Equal(("d1", "fr-CA", "America/Toronto", "fr", T0), (first.Directory!.UserId, first.Directory.Locale, first.Directory.TimeZone, first.Directory.Language, first.Directory.RegisteredAt));
        Assert.Equal(["trial"], first.Directory.Tags);
        Assert.Equal(["paid"], second.Directory!.Tags);
        Assert.Null(second.Directory.Locale);
        Assert.Equal(T0, second.Directory.RegisteredAt);
    }

    [Fact]
    public void Notifications_and_preference_changes_leave_the_directory_alone()
    {
        var harness = new RulesHarness("d2");
        harness.Register(new UserProfile { Tags = ["trial"] });

        var notified = harness.Run(new NotifyCommand { UserId = "d2", NotificationId = Guid.NewGuid(), Category = "social", Channels = [ChannelKind.InApp], Content = new Notifications.Api.InlineContent("Hi", "there") }, T0);
        var preferences = harness.Run(new UpdatePreferencesCommand { UserId = "d2", Preferences = new NotificationPreferences() }, T0);

        Assert.Null(notified.Directory);
        Assert.Null(preferences.Directory);
        Assert.Single(notified.Notifications);
    }
}
