using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>Hard bounces count against the user's current address; at the limit no email goes there until it is registered again.</summary>
public sealed class EmailBounceRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserProfile Profile = new() { Email = "ada@example.com" };

    private static long _deliveries;

    private static RecordEmailBounceCommand Bounce(string address = "ada@example.com", int disableAfter = 2, long? deliveryId = null) =>
        new() { UserId = "u1", DeliveryId = deliveryId ?? Interlocked.Increment(ref _deliveries), Address = address, Status = "5.2.2", DisableAfter = disableAfter };

    [Fact]
    public void The_limit_th_hard_bounce_disables_email_including_push_fallback_and_other_channels_go_on()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);

        grain.Run(Bounce(deliveryId: 7), Noon);
        // The same delivery reported again (a report read twice) is one bounce.
        grain.Run(Bounce(deliveryId: 7), Noon);
        Assert.False(grain.LastTurnDurable);
        Assert.Contains(DeliveryChannel.Email, RulesHarness.Reached(grain.Run(grain.Notify(), Noon)));
        grain.Run(Bounce("ADA@example.com"), Noon.AddMinutes(1));

        var record = grain.Rules.State.EmailBounces!;
        Assert.Equal(2, record.HardBounces);
        Assert.Equal(Noon.AddMinutes(1), record.DisabledAt);
        Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(grain.Run(grain.Notify(), Noon)));
        Assert.Empty(grain.Run(new PushFallbackCommand
        {
            UserId = "u1", NotificationId = Guid.NewGuid(), Type = "post.liked", Category = "social", Priority = Priority.High,
            Data = new Dictionary<string, string>(), Reason = "TargetDead",
        }, Noon).Deliveries);
    }

    [Fact]
    public void Bounces_of_a_former_address_count_for_nothing_and_writing_the_profile_re_enables()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);

        grain.Run(Bounce("old@example.com", disableAfter: 1), Noon);
        Assert.Null(grain.Rules.State.EmailBounces);
        Assert.False(grain.LastTurnDurable);

        grain.Run(Bounce(disableAfter: 1), Noon);
        Assert.NotNull(grain.Rules.State.EmailBounces!.DisabledAt);
        grain.Register(Profile);

        Assert.Null(grain.Rules.State.EmailBounces);
        Assert.Contains(DeliveryChannel.Email, RulesHarness.Reached(grain.Run(grain.Notify(), Noon)));
    }
}
