using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Model;

namespace Notifications.Grains;

/// <summary>
/// One user: profile, devices, preferences, rate limit, digests, idempotency window, timers, and the only writer
/// of that user's inbox. Every call is one turn; a call that changes something answers only once the change is durable.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Applies the user's rules to one notification; answered once its outcome is committed ("accepted"), or with the first id ("duplicate").</summary>
    Task<SendNotificationResponse> NotifyAsync(NotifyCommand command);

    /// <summary>Null when the user was never registered with a profile.</summary>
    Task<UserView?> GetAsync();

    Task<UserView> UpsertProfileAsync(UserProfile profile);

    /// <summary>The profile, as <see cref="UpsertProfileAsync"/>, and the devices, as <see cref="RegisterDeviceAsync"/>, in one turn.</summary>
    Task<UserView> ImportAsync(UserProfile profile, IReadOnlyList<Device> devices);

    /// <summary>The user wrote to us on WhatsApp from <paramref name="number"/>: the session window opens; STOP opts out, START in.</summary>
    Task RecordWhatsAppInboundAsync(string number, string? body);

    /// <summary>Null when the user does not exist.</summary>
    Task<NotificationPreferences?> UpdatePreferencesAsync(NotificationPreferences preferences);

    /// <summary>False when the user does not exist.</summary>
    Task<bool> SetChannelPreferenceAsync(string category, ChannelKind channel, bool enabled);

    /// <summary>Null when the user does not exist.</summary>
    Task<Device?> RegisterDeviceAsync(Device device);

    /// <summary>False when the user or the device does not exist.</summary>
    Task<bool> RemoveDeviceAsync(string deviceId);

    /// <summary>A provider called this push address dead: every device registered with it goes.</summary>
    Task RemoveDeadAddressAsync(string address, string? reason);

    /// <summary>
    /// A hard bounce of delivery <paramref name="deliveryId"/>, an email sent to <paramref name="address"/>: counted once per
    /// delivery while it is still the user's address, which is disabled at the <paramref name="disableAfter"/>-th.
    /// Answers the address's state; null when it never bounced.
    /// </summary>
    Task<EmailAddressStatus?> RecordEmailBounceAsync(long deliveryId, string address, string status, int disableAfter);

    /// <summary>Every push target of a notification failed for good: email instead, once, where the rules allow.</summary>
    Task FallBackToEmailAsync(PushFallbackCommand command);

    /// <summary>False when the user has no such inbox item.</summary>
    Task<bool> SetReadAsync(Guid notificationId, bool read);

    Task<int> MarkAllReadAsync();

    /// <summary>
    /// Read, archive and snooze changes of one item, in one turn. A snooze is a durable timer in this grain's state:
    /// when it ends the item comes back to the live feed, once. False when the user has no such inbox item.
    /// </summary>
    Task<bool> UpdateInboxItemAsync(Guid notificationId, InboxItemChange change);

    /// <summary>Marks every active unseen item seen (the bell was opened); answers how many.</summary>
    Task<int> MarkSeenAsync();

    /// <summary>Applies <paramref name="action"/> to every item <paramref name="query"/> covers; answers how many changed.</summary>
    Task<int> BulkUpdateInboxAsync(InboxBulkAction action, InboxQuery query);

    /// <summary>Records a click of one of the item's actions as the in-app delivery's click; null when no such item or action.</summary>
    Task<InboxActionResult?> RunInboxActionAsync(Guid notificationId, string actionId);

    /// <summary>
    /// Starts (or renews) live events to <paramref name="observer"/> and answers the counts at that instant,
    /// so nothing committed after the answer is missed. A subscription not renewed within two minutes lapses.
    /// </summary>
    Task<InboxCounts> SubscribeAsync(IUserObserver observer);

    Task UnsubscribeAsync(IUserObserver observer);

    /// <summary>Runs the user's timers that are due (quiet-hours releases, digest flushes, snoozes ending). The grain's own clock timer and reminder call it.</summary>
    Task RunDueTimersAsync();
}
