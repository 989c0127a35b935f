using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (the .NET client package does not
/// restore here): handshake, invocations in, invocations out, 0x1E-separated records.
/// </summary>
public sealed class SignalRJsonConnection : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebSocket _socket;
    private readonly Queue<JsonElement> _pending = new();
    private readonly List<JsonElement> _unclaimed = [];
    private readonly StringBuilder _buffer = new();
    private int _invocationId;

    private SignalRJsonConnection(WebSocket socket) => _socket = socket;

    public static async Task<SignalRJsonConnection> ConnectAsync(TestServer server, string pathAndQuery)
    {
        var client = server.CreateWebSocketClient();
        var socket = await client.ConnectAsync(new Uri(server.BaseAddress, pathAndQuery.Replace("http", "ws", StringComparison.Ordinal)), CancellationToken.None);
        var connection = new SignalRJsonConnection(socket);
        await connection.SendRecordAsync("""{"protocol":"json","version":1}""");
        var handshake = await connection.ReceiveAsync();
        if (handshake.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("Handshake refused: " + error.GetString());
        }
        return connection;
    }

    /// <summary>Calls a hub method and returns its completion message (with "error" when it threw).</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var id = (++_invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendRecordAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return await NextAsync(m => m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == id);
    }

    /// <summary>The next server-to-client invocation of <paramref name="target"/>; its first argument.</summary>
    public async Task<JsonElement> NextInvocationAsync(string target, Func<JsonElement, bool>? match = null)
    {
        var message = await NextAsync(m =>
            m.GetProperty("type").GetInt32() == 1
            && m.GetProperty("target").GetString() == target
            && (match is null || match(m.GetProperty("arguments")[0])));
        return message.GetProperty("arguments")[0];
    }

    /// <summary>
    /// The next message that matches. Messages that arrive first but match something else are kept for a later
    /// call: the server may, for example, push an event before it completes the invocation that caused it.
    /// </summary>
    private async Task<JsonElement> NextAsync(Func<JsonElement, bool> match)
    {
        for (var i = 0; i < _unclaimed.Count; i++)
        {
            if (match(_unclaimed[i]))
            {
                var kept = _unclaimed[i];
                _unclaimed.RemoveAt(i);
                return kept;
            }
        }
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.TryGetProperty("type", out var type) && type.GetInt32() == 7)
            {
                throw new InvalidOperationException("The server closed the connection: " + message);
            }
            if (message.TryGetProperty("type", out _) && match(message))
            {
                return message;
            }
            _unclaimed.Add(message);
        }
    }

    private async Task<JsonElement> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        var chunk = new byte[8192];
        while (_pending.Count == 0)
        {
            var result = await _socket.ReceiveAsync(chunk, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The WebSocket closed: {result.CloseStatus} {result.CloseStatusDescription}");
            }
            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
            var text = _buffer.ToString();
            var last = text.LastIndexOf(RecordSeparator);
            if (last < 0)
            {
                continue;
            }
            foreach (var record in text[..last].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                _pending.Enqueue(JsonDocument.Parse(record).RootElement.Clone());
            }
            _buffer.Clear().Append(text.AsSpan(last + 1));
        }
        return _pending.Dequeue();
    }

    private Task SendRecordAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        _socket.Dispose();
    }
}
