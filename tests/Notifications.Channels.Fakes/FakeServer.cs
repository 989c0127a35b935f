using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Notifications.Channels.Fakes;

/// <summary>A provider imitation on a local Kestrel port: records every request and honours a <see cref="FaultPlan"/>.</summary>
public abstract class FakeServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private WebApplication? app;
    private int connections;

    protected FakeServer(TimeProvider? time)
    {
        Time = time ?? TimeProvider.System;
    }

    public TimeProvider Time { get; }

    public FaultPlan Faults { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>
    /// Whether <see cref="Requests"/> keeps what came in. A benchmark sending a million messages turns it off: the
    /// fake still checks every request, it just does not hold them all in memory.
    /// </summary>
    public bool KeepRequests { get; set; } = true;

    /// <summary>Transport connections clients opened (an HTTP/2 client multiplexes many requests on one).</summary>
    public int Connections => Volatile.Read(ref connections);

    protected virtual HttpProtocols Protocols => HttpProtocols.Http1AndHttp2;

    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = Protocols;
                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref connections);
                    return next(connection);
                });
            });
        });
        app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Reads and records the request, then waits out any configured latency.</summary>
    protected async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var recorded = new RecordedRequest
        {
            Method = context.Request.Method,
            Path = context.Request.Path + context.Request.QueryString,
            Protocol = context.Request.Protocol,
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = buffer.ToArray(),
        };
        if (KeepRequests)
        {
            requests.Enqueue(recorded);
        }
        if (Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Latency, context.RequestAborted);
        }

        return recorded;
    }

    protected static IResult Answer(RecordedRequest recorded, int status, object? json = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        recorded.Status = status;
        return new FakeAnswer(status, json, headers);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed class FakeAnswer(int status, object? json, IReadOnlyDictionary<string, string>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                httpContext.Response.Headers[name] = value;
            }

            if (json is not null)
            {
                await httpContext.Response.WriteAsJsonAsync(json, json.GetType());
            }
        }
    }
}
