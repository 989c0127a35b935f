using Orleans.Dashboard;

namespace Microsoft.Extensions.Hosting;

internal static class DashboardSiloBuilderExtensions
{
    public const string Section = "Dashboard";

    private const string EnabledKey = Section + ":Enabled";

    /// <summary>
    /// Dashboard:Enabled (default true). The dashboard is not free at scale: it wraps every grain call in its profiler and
    /// samples all of Orleans' instruments every second (some of them count every activation), so an operator who
    /// watches the silo through Prometheus instead can switch it off.
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
    /// profiler it adds stops a minute after the last dashboard query, so it costs nothing while nobody watches.
    /// </summary>
    public static ISiloBuilder AddNotificationDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsDashboardEnabled(configuration)
            ? silo.AddDashboard(options =>
            {
                options.HideTrace = true;
                configuration.GetSection(Section).Bind(options);
            })
            : silo;
}
