using Notifications.Domain.Directory;

namespace Notifications.Grains.Storage;

/// <summary>
/// The user directory the user grains keep (<see cref="Users.PendingEffects.Directory"/>): segments are resolved by
/// paging it in user-id order, never by activating grains.
/// </summary>
public interface IUserDirectory
{
    /// <summary>
    /// Up to <paramref name="limit"/> rows satisfying <paramref name="filter"/> with a user id after
    /// <paramref name="after"/> (ordinal order; null = from the start), in user-id order.
    /// </summary>
    Task<IReadOnlyList<DirectoryEntry>> PageAsync(DirectoryFilter filter, string? after, int limit, CancellationToken cancellationToken);

    Task<DirectoryEntry?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>How many users are in the directory.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>The distinct time zones of the directory's users; null stands for users without one.</summary>
    Task<IReadOnlyList<string?>> TimeZonesAsync(CancellationToken cancellationToken);
}
