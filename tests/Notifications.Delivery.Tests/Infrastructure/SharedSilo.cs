namespace Notifications.Delivery.Tests.Infrastructure;

/// <summary>One silo and one set of fakes for a whole test class; tests keep apart by using their own users and targets.</summary>
public sealed class SharedSilo : IAsyncLifetime
{
    public DeliverySilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await DeliverySilo.StartAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
