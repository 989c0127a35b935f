using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Notifications.StorageBench;

/// <summary>A silo builder over a plain service collection: registers the grain storage as the silo does, without a silo.</summary>
internal sealed class ServicesSiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
