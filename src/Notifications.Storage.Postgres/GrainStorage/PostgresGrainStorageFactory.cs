using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Notifications.Storage.Postgres.GrainStorage;

internal static class PostgresGrainStorageFactory
{
    public static IGrainStorage Create(IServiceProvider services, string name) =>
        new PostgresGrainStorage(
            name,
            services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name),
            services.GetRequiredService<GrainStateBatchWriter>(),
            services.GetRequiredService<GrainStateBatchReader>(),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>());
}
