using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>A silo builder over a plain service collection: runs a provider's silo registration without a silo.</summary>
internal sealed class ServicesSiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
