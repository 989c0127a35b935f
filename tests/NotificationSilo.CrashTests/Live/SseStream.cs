using System.Net.ServerSentEvents;
using System.Text.Json;
using Notifications.Testing;

namespace NotificationSilo.CrashTests.Live;

/// <summary>The inbox's SSE stream of one user on one silo, read with the runtime's own SSE parser.</summary>
public sealed class SseStream : LiveStream
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;

    private SseStream(string name, HttpClient client) : base(name) => _client = client;

    /// <summary>Returns once the first event (the counts) arrived: the silo has subscribed by then.</summary>
    public static async Task<SseStream> OpenAsync(SiloProcess silo, string userId)
    {
        var client = silo.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        var stream = new SseStream($"SSE of {userId} on {silo.BaseAddress}", client);
        try
        {
            var response = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(userId)}/notifications/stream", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync(stream._closing.Token).GetAsyncEnumerator(stream._closing.Token);
            if (!await events.MoveNextAsync())
            {
                throw new InvalidOperationException($"{stream.Name} ended before its first event.");
            }
            stream.Take(events.Current);
            stream._reading = stream.ReadAsync(response, events);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private async Task ReadAsync(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
    {
        using (response)
        {
            try
            {
                await using (events)
                {
                    while (await events.MoveNextAsync())
                    {
                        Take(events.Current);
                    }
                }
                OnBroken(new EndOfStreamException("The silo ended the stream."));
            }
            catch (Exception exception) when (!_closing.IsCancellationRequested)
            {
                OnBroken(exception);
            }
            catch (Exception) when (_closing.IsCancellationRequested)
            {
                // Closed by the test.
            }
        }
    }

    private void Take(SseItem<string> item)
    {
        using var json = JsonDocument.Parse(item.Data);
        OnEvent(item.EventType, json.RootElement);
    }

    public override async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _client.Dispose();
        _closing.Dispose();
    }
}
