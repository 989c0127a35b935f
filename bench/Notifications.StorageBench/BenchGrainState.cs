using System.Diagnostics.CodeAnalysis;

namespace Notifications.StorageBench;

/// <summary>One activation's hold on its grain's state between writes: the state and the ETag of the last write.</summary>
internal sealed class BenchGrainState(BenchState state) : IGrainState<BenchState>
{
    private BenchState _state = state;

    [AllowNull]
    public BenchState State
    {
        get => _state;
        set => _state = value ?? new BenchState();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
