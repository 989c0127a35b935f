using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Sqlite.Reminders;

namespace Orleans.Hosting;

public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>Orleans reminders with their table in the silo's SQLite file (registered by <c>AddSqliteStorage</c>).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder) =>
        builder.ConfigureServices(services => services.UseSqliteReminderService());

    /// <inheritdoc cref="UseSqliteReminderService(ISiloBuilder)"/>
    public static IServiceCollection UseSqliteReminderService(this IServiceCollection services)
    {
        services.AddReminders();
        return services.AddSingleton<IReminderTable, SqliteReminderTable>();
    }
}
