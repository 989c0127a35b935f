namespace Notifications.StorageBench;

/// <summary>What one timed phase did: how many operations completed, in how long, for how much process CPU.</summary>
internal sealed record PhaseResult(long Operations, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Steadier than rates on a shared machine: compare runs with it.</summary>
    public double CpuMicrosecondsPerOperation => Operations == 0 ? 0 : Cpu.TotalMicroseconds / Operations;
}
