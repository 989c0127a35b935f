using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace NotificationSilo;

/// <summary>
/// Lets the Orleans dashboard sample Orleans' instruments only while somebody watches. The package starts its
/// sampling (a <c>MeterProvider</c> over every Orleans instrument, collected each second) with the silo, and at
/// saturation that costs a share of the silo's CPU: each measurement is aggregated once more, and some gauges count
/// every activation at each collection. The dashboard already knows when it is watched: its grain tells every silo's
/// dashboard service <c>Enable(true)</c> when a client queries it after a quiet spell, and <c>Enable(false)</c> a
/// minute after the last query, to switch its grain-call profiler. <see cref="DashboardSamplingFilter"/> hears those
/// calls and switches the sampling the same way, on every silo.
/// </summary>
/// <remarks>
/// The package's host service starts its sampling from its own lifecycle participation and stops it on dispose,
/// so that is how it is driven: once the silo is up, dispose stops it; switching on has the host participate in a
/// lifecycle of ours, whose start runs its sampling's start again. With the profiler's <c>TraceAlways</c> set the
/// dashboard never broadcasts, and sampling stays on from the start as the package would leave it.
/// </remarks>
internal sealed partial class DashboardSampling(
    object dashboardHost,
    IOptions<GrainProfilerOptions> profiler,
    ILogger<DashboardSampling> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SemaphoreSlim _switching = new(1, 1);
    private volatile bool _sampling;
    /// <summary>The silo is up: until then the package's own start owns the sampling, and a switch is only noted.</summary>
    private bool _active;
    private bool _wanted;

    public bool IsSampling => _sampling;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<DashboardSampling>(ServiceLifecycleStage.Active, async _ =>
        {
            await _switching.WaitAsync().ConfigureAwait(false);
            try
            {
                // The package's participation has started its sampling, at an earlier stage.
                _active = true;
                _sampling = true;
                if (!profiler.Value.TraceAlways && !_wanted)
                {
                    ((IDisposable)dashboardHost).Dispose();
                    _sampling = false;
                }
            }
            finally
            {
                _switching.Release();
            }
        });

    public async Task SwitchAsync(bool on)
    {
        await _switching.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_active)
            {
                _wanted = on;
                return;
            }
            if (on == _sampling)
            {
                return;
            }
            if (on)
            {
                var start = new StartCapture();
                ((ILifecycleParticipant<ISiloLifecycle>)dashboardHost).Participate(start);
                await start.RunAsync().ConfigureAwait(false);
            }
            else
            {
                ((IDisposable)dashboardHost).Dispose();
            }
            _sampling = on;
            LogSampling(logger, on);
        }
        catch (Exception exception)
        {
            // The dashboard is an operator's view: failing to switch it must not fail the grain call that asked.
            LogSwitchFailed(logger, exception, on);
        }
        finally
        {
            _switching.Release();
        }
    }

    /// <summary>A lifecycle that only keeps the start callbacks subscribed to it, to run them on demand.</summary>
    private sealed class StartCapture : ISiloLifecycle
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => ServiceLifecycleStage.Active;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return new Unsubscriber();
        }

        public async Task RunAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStart(CancellationToken.None).ConfigureAwait(false);
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans dashboard: sampling of Orleans' instruments {On} (on while someone watches it, off a minute after the last look).")]
    private static partial void LogSampling(ILogger logger, bool on);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans dashboard: could not switch the sampling of Orleans' instruments to {On}.")]
    private static partial void LogSwitchFailed(ILogger logger, Exception exception, bool on);
}
