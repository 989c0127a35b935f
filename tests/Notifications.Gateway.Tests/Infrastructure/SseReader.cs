using System.Text;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>Reads a text/event-stream response event by event (event type and joined data lines).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The <c>id:</c> of the last event read; null when it had none.</summary>
    public string? LastId { get; private set; }

    public async Task<(string Event, string Data)> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        string eventType = "message";
        string? id = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    LastId = id;
                    return (eventType, data.ToString());
                }
                continue;
            }
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line["id:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(line["data:".Length..].TrimStart(' '));
            }
        }
    }

    /// <summary>Skips events until one satisfies <paramref name="match"/>.</summary>
    public async Task<(string Event, string Data)> NextMatchingAsync(Func<(string Event, string Data), bool> match)
    {
        while (true)
        {
            var next = await NextAsync();
            if (match(next))
            {
                return next;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
