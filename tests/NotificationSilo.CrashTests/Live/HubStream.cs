using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Notifications.Testing;

namespace NotificationSilo.CrashTests.Live;

/// <summary>The SignalR hub on one silo, watching one user, through the .NET SignalR client.</summary>
public sealed class HubStream : LiveStream
{
    private readonly HubConnection _connection;

    private HubStream(string name, HubConnection connection) : base(name) => _connection = connection;

    /// <summary>Returns once the hub accepted the watch and sent the user's counts: the silo has subscribed by then.</summary>
    public static async Task<HubStream> OpenAsync(SiloProcess silo, string userId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(silo.BaseAddress, "hubs/notifications"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(SiloProcess.BootstrapKey))
            .Build();
        var stream = new HubStream($"SignalR of {userId} on {silo.BaseAddress}", connection);
        foreach (var kind in new[] { "unread", "notification", "updated" })
        {
            connection.On<JsonElement>(kind, realtimeEvent => stream.OnEvent(kind, realtimeEvent));
        }
        connection.Closed += exception =>
        {
            stream.OnBroken(exception ?? new InvalidOperationException("The hub closed the connection."));
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync("Watch", userId);
            await stream.UnreadEventAfterAsync(0, TimeSpan.FromSeconds(30));
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}
