using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Postgres.Reminders;

namespace Orleans.Hosting;

public static class PostgresReminderSiloBuilderExtensions
{
    /// <summary>Orleans reminders with their table in the cluster's PostgreSQL database (registered by <c>AddPostgresStorage</c>).</summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder builder) =>
        builder.ConfigureServices(services => services.UsePostgresReminderService());

    /// <inheritdoc cref="UsePostgresReminderService(ISiloBuilder)"/>
    public static IServiceCollection UsePostgresReminderService(this IServiceCollection services)
    {
        services.AddReminders();
        return services.AddSingleton<IReminderTable, PostgresReminderTable>();
    }
}
