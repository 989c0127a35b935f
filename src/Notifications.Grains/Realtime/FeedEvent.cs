using Notifications.Api;

namespace Notifications.Grains.Realtime;

/// <summary>
/// What the bus hands a connection: an event from the user's grain, or (<see cref="CatchUp"/>) word that the grain was
/// lost with its silo and is subscribed again, so whatever it committed while it knew no subscriber must be read from
/// the inbox. <see cref="Event"/> then carries the user's counts as the new activation reported them.
/// </summary>
internal readonly record struct FeedEvent(RealtimeEvent Event, bool CatchUp);
