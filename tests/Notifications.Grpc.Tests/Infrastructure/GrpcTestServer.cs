using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Notifications.Client;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Hosting;
using Notifications.Grpc.Tests.Fakes;
using Notifications.Application;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>A real Kestrel host on ephemeral ports: REST on one listener, gRPC on its own HTTP/2 listener, fake services behind.</summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    private GrpcTestServer(WebApplication app, FakeNotificationBackend backend, CapturingLoggerProvider logs, Uri grpcAddress, Uri restAddress)
    {
        App = app;
        Backend = backend;
        Logs = logs;
        GrpcAddress = grpcAddress;
        RestAddress = restAddress;
        Http = NotificationGrpcClient.CreateHttpClient();
        Client = new NotificationGrpcClient(Http, grpcAddress);
    }

    public WebApplication App { get; }

    public FakeNotificationBackend Backend { get; }

    public CapturingLoggerProvider Logs { get; }

    public Uri GrpcAddress { get; }

    public Uri RestAddress { get; }

    public HttpClient Http { get; }

    public NotificationGrpcClient Client { get; }

    public static async Task<GrpcTestServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = new Dictionary<string, string?> { ["Grpc:Urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        var backend = new FakeNotificationBackend();
        builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton<INotificationService>(backend);
        builder.Services.AddSingleton<IUserService>(backend);
        builder.Services.AddSingleton<IInboxService>(backend);
        builder.Services.AddSingleton<ICallerAuthenticator, FakeAuthenticator>();
        builder.Services.AddSingleton<IDailyQuotaLedger, UnlimitedDailyQuotaLedger>();
        builder.Services.AddHealthChecks().AddCheck("silo", () => backend.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not ready"));
        builder.Services.AddNotificationGrpc(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/rest/ping", () => "pong");
        app.MapNotificationGrpc();
        await app.StartAsync();

        var grpc = app.Services.GetRequiredService<GrpcListenerRegistry>().BoundAddresses[0];
        var rest = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a))
            .First(a => a.Port != grpc.Port);
        return new GrpcTestServer(app, backend, logs, grpc, rest);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Backend.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
