using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotificationSilo;
using Notifications.Testing;
using Orleans;
using Orleans.Dashboard;
using Orleans.Runtime;

namespace Notifications.Gateway.Tests;

/// <summary>The Orleans dashboard samples Orleans' instruments only while an operator watches it (see <see cref="DashboardSampling"/>).</summary>
public sealed class DashboardSamplingTests
{
    [Fact]
    public async Task The_dashboard_starts_sampling_when_an_operator_queries_it_and_not_before()
    {
        // Tried: a silo with the dashboard on (the default) that nobody has opened, then one query of the dashboard's
        // own API. Must hold: no sampling before (at saturation it costs the silo a large share of its CPU), and the
        // dashboard's Enable broadcast switching it on after.
        await using var factory = new TestSilo<Program>();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSilo<Program>.BootstrapKey);
        await Eventually.Until(async () => (await client.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.OK, "ready");
        var sampling = factory.Services.GetRequiredService<DashboardSampling>();
        Assert.False(sampling.IsSampling);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/TopGrainMethods")).StatusCode);

        await Eventually.Until(() => sampling.IsSampling, "the dashboard's Enable(true) reaching this silo's dashboard service");
        // The restarted sampling reports this silo's Orleans counters to the dashboard again.
        var overview = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<JsonObject>("/dashboard/DashboardCounters"))!,
            o => o["hosts"] is JsonArray { Count: > 0 },
            "the dashboard listing this silo");
        var silo = overview["hosts"]!.AsArray()[0]!["siloAddress"]!.GetValue<string>();
        // Counters that change: the package's sampling flushes once when it is stopped, so counters alone could be that
        // flush; these polls are grain calls, which move Orleans' message counters while the restarted sampling runs.
        var first = (await client.GetStringAsync($"/dashboard/SiloCounters/{silo}"));
        await Eventually.Until(
            () => client.GetStringAsync($"/dashboard/SiloCounters/{silo}"),
            counters => counters != first && JsonNode.Parse(counters) is JsonArray { Count: > 0 },
            "the silo's counters on the dashboard moving");
    }

    [Fact]
    public async Task Once_the_silo_is_up_sampling_stops_and_switching_on_twice_restarts_it_once_and_off_stops_it()
    {
        var (host, sampling, lifecycle) = Build(traceAlways: false);

        await lifecycle.StartAsync();
        Assert.Equal((1, 1), (host.Starts, host.Disposes));
        Assert.False(sampling.IsSampling);
        await sampling.SwitchAsync(true);
        await sampling.SwitchAsync(true);
        Assert.True(sampling.IsSampling);
        await sampling.SwitchAsync(false);

        Assert.Equal((2, 2), (host.Starts, host.Disposes));
        Assert.False(sampling.IsSampling);
    }

    [Fact]
    public async Task A_switch_on_heard_while_the_silo_starts_keeps_the_packages_sampling_running()
    {
        var (host, sampling, lifecycle) = Build(traceAlways: false);

        await sampling.SwitchAsync(true);
        await lifecycle.StartAsync();

        Assert.Equal((1, 0), (host.Starts, host.Disposes));
        Assert.True(sampling.IsSampling);
    }

    [Fact]
    public async Task With_the_profiler_tracing_always_sampling_is_left_on_from_the_start()
    {
        var (host, sampling, lifecycle) = Build(traceAlways: true);

        await lifecycle.StartAsync();

        Assert.Equal((1, 0), (host.Starts, host.Disposes));
        Assert.True(sampling.IsSampling);
    }

    [Fact]
    public void The_package_types_the_sampling_hooks_into_are_where_it_expects_them()
    {
        // A dashboard package that renamed or reshaped them would silently keep sampling always; this fails first.
        var assembly = DashboardSiloBuilderExtensions.DashboardAssembly;
        var host = assembly.GetType(DashboardSiloBuilderExtensions.DashboardHostTypeName);
        Assert.NotNull(host);
        Assert.True(typeof(ILifecycleParticipant<ISiloLifecycle>).IsAssignableFrom(host) && typeof(IDisposable).IsAssignableFrom(host));
        var service = assembly.GetType(DashboardSiloBuilderExtensions.DashboardServiceTypeName);
        Assert.Contains(service!.GetMethods(), m => m.Name == "Enable" && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(bool));
    }

    /// <summary>The package's host as the sampling drives it, with the silo's start order: the host's stage, then Active.</summary>
    private static (CountingHost Host, DashboardSampling Sampling, StagedLifecycle Lifecycle) Build(bool traceAlways)
    {
        var host = new CountingHost();
        var sampling = new DashboardSampling(host, Options.Create(new GrainProfilerOptions { TraceAlways = traceAlways }), NullLogger<DashboardSampling>.Instance);
        var lifecycle = new StagedLifecycle();
        host.Participate(lifecycle);
        sampling.Participate(lifecycle);
        return (host, sampling, lifecycle);
    }

    private sealed class CountingHost : ILifecycleParticipant<ISiloLifecycle>, IDisposable
    {
        public int Starts { get; private set; }

        public int Disposes { get; private set; }

        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe<CountingHost>(ServiceLifecycleStage.Active - 1, _ =>
            {
                Starts++;
                return Task.CompletedTask;
            });

        public void Dispose() => Disposes++;
    }

    private sealed class StagedLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new NoSubscription();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
