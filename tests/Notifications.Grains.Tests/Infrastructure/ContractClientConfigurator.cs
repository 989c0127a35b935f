using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NotificationSilo;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>The cluster's external client speaks the same contract serialization as the silos, and finds them where they register.</summary>
public sealed class ContractClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.Services.AddSerializer(serializer => serializer.AddNotificationContracts());
        if (ClusterSettings.Read(configuration).Redis is { } redis)
        {
            clientBuilder.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());
        }
    }
}
