using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests.OnRedis;

/// <summary>The same rules on Redis membership and Redis reminders.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class TimerDeactivationOnRedisTests(RedisClusterFixture cluster) : TimerDeactivationTests(cluster);
