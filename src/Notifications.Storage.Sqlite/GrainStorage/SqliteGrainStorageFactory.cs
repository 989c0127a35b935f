using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Notifications.Storage.Sqlite.GrainStorage;

internal static class SqliteGrainStorageFactory
{
    public static IGrainStorage Create(IServiceProvider services, string name) =>
        new SqliteGrainStorage(
            name,
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
            services.GetRequiredService<SqliteDatabase>(),
            services.GetRequiredService<GrainStateReader>(),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>());
}
