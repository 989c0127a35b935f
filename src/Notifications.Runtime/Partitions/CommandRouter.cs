using Microsoft.Extensions.Options;
using Notifications.Domain.Commands;
using Notifications.Partitioning;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>Sends commands to their grains: appends them durably to the right partition and wakes its processor.</summary>
internal sealed class CommandRouter(ICommandLog log, PartitionDirectory directory, IOptions<SiloOptions> options, TimeProvider time)
{
    private readonly int _partitions = options.Value.Partitions;

    public NewCommand Address(UserCommand command, Priority lane, Guid? notificationId = null, IdempotencyReservation? idempotency = null) =>
        new(PartitionHasher.PartitionOf(command.UserId, _partitions), lane, command.UserId, command, notificationId, idempotency);

    public async Task<IReadOnlyList<AppendResult>> SendAsync(IReadOnlyList<NewCommand> commands, CancellationToken cancellationToken)
    {
        var results = await log.AppendAsync(commands, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var woken = new HashSet<int>();
        for (var i = 0; i < commands.Count; i++)
        {
            if (!results[i].Duplicate && woken.Add(commands[i].Partition))
            {
                directory.Wake(commands[i].Partition);
            }
        }
        return results;
    }

    public async Task<AppendResult> SendAsync(NewCommand command, CancellationToken cancellationToken) =>
        (await SendAsync([command], cancellationToken).ConfigureAwait(false))[0];
}
