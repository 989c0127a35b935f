using Notifications.Testing;

namespace Notifications.Grains.Tests.Streams;

/// <summary>One private Azurite queue service for a test class; each test names its own queues.</summary>
public sealed class AzuriteQueueFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not running.");

    public async Task InitializeAsync() =>
        _server = await AzuriteServer.StartAsync(Path.Combine(RepositoryPaths.Root, "tests", "Notifications.Grains.Tests", "azurite"), AzuriteService.Queue);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
