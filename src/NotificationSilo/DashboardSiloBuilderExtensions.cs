using Orleans.Dashboard;

namespace Microsoft.Extensions.Hosting;

internal static class DashboardSiloBuilderExtensions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The Orleans dashboard on every silo (its grain service collects each silo's statistics). Its live log view is
    /// off unless <c>Dashboard:HideTrace</c> is false: log lines can carry user ids and addresses. The grain-call
    /// profiler it adds stops a minute after the last dashboard query, so it costs nothing while nobody watches.
    /// </summary>
    public static ISiloBuilder AddNotificationDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddDashboard(options =>
        {
            options.HideTrace = true;
            configuration.GetSection(Section).Bind(options);
        });
}
