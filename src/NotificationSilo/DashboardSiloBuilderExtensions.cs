using Microsoft.Extensions.Options;
using NotificationSilo;
using Orleans.Dashboard;

namespace Microsoft.Extensions.Hosting;

internal static class DashboardSiloBuilderExtensions
{
    public const string Section = "Dashboard";

    private const string EnabledKey = Section + ":Enabled";

    /// <summary>
    /// Dashboard:Enabled (default true). While watched the dashboard is not free at scale: it wraps every grain call in
    /// its profiler and samples all of Orleans' instruments every second (some of them count every activation), so an
    /// operator who watches the silo through Prometheus instead can switch it off altogether.
    /// </summary>
    public static bool IsDashboardEnabled(IConfiguration configuration)
    {
        var value = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        return bool.TryParse(value.Trim(), out var enabled)
            ? enabled
            : throw new InvalidOperationException($"{EnabledKey} is '{value}'; it must be true or false.");
    }

    /// <summary>
    /// The Orleans dashboard on every silo (its grain service collects each silo's statistics). Its live log view is
    /// off unless <c>Dashboard:HideTrace</c> is false: log lines can carry user ids and addresses. The grain-call
    /// profiler it adds stops a minute after the last dashboard query, and so does its sampling of Orleans'
    /// instruments (<see cref="DashboardSampling"/>), so it costs next to nothing while nobody watches.
    /// </summary>
    public static ISiloBuilder AddNotificationDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!IsDashboardEnabled(configuration))
        {
            return silo;
        }
        silo.AddDashboard(options =>
        {
            options.HideTrace = true;
            configuration.GetSection(Section).Bind(options);
        });
        SampleOnlyWhileWatched(silo.Services);
        return silo;
    }

    /// <summary>The package's host service and the dashboard service's interface, found by name: both are internal to it.</summary>
    internal const string DashboardHostTypeName = "Orleans.Dashboard.DashboardHost";
    internal const string DashboardServiceTypeName = "Orleans.Dashboard.Core.ISiloGrainService";

    /// <summary>The package's implementation assembly (its options types live in its abstractions package).</summary>
    internal static System.Reflection.Assembly DashboardAssembly => typeof(Orleans.Dashboard.ServiceCollectionExtensions).Assembly;

    /// <summary>
    /// Puts the package's sampling under <see cref="DashboardSampling"/>. Should a later package rename either type,
    /// the dashboard keeps the package's own behaviour (sampling always); a test pins the names.
    /// </summary>
    private static void SampleOnlyWhileWatched(IServiceCollection services)
    {
        var hostType = DashboardAssembly.GetType(DashboardHostTypeName);
        var dashboardService = DashboardAssembly.GetType(DashboardServiceTypeName);
        if (hostType is null || dashboardService is null
            || !typeof(ILifecycleParticipant<ISiloLifecycle>).IsAssignableFrom(hostType) || !typeof(IDisposable).IsAssignableFrom(hostType)
            || !services.Any(d => d.ServiceType == hostType))
        {
            return;
        }
        services.AddSingleton(sp => new DashboardSampling(
            sp.GetRequiredService(hostType),
            sp.GetRequiredService<IOptions<GrainProfilerOptions>>(),
            sp.GetRequiredService<ILogger<DashboardSampling>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DashboardSampling>());
        services.AddSingleton<IIncomingGrainCallFilter>(sp => new DashboardSamplingFilter(dashboardService, sp.GetRequiredService<DashboardSampling>()));
    }
}
