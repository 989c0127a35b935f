using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Domain.Grains;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>What every partition processor of a silo shares.</summary>
internal sealed class PartitionRuntime(
    IPartitionStore store,
    ICommandLog log,
    IContentRenderer renderer,
    IOptions<SiloOptions> options,
    TimeProvider time,
    CommandCompletions completions,
    ICommitObserver observer,
    ILogger<PartitionProcessor> logger)
{
    public IPartitionStore Store { get; } = store;
    public ICommandLog Log { get; } = log;
    public IContentRenderer Renderer { get; } = renderer;
    public SiloOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
    public CommandCompletions Completions { get; } = completions;
    public ICommitObserver Observer { get; } = observer;
    public ILogger Logger { get; } = logger;
}
