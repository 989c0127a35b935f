using Microsoft.Extensions.Options;
using Notifications.Gateway.Console;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddExtraConfigurationFiles();

builder.UseOrleans(silo => silo
    .UseNotificationCluster(builder.Configuration)
    .AddNotificationGrains(builder.Configuration)
    .AddConfiguredStorage(builder.Configuration)
    .AddCampaignStreams(builder.Configuration)
    .AddNotificationDashboard(builder.Configuration)
    .AddActivityPropagation());
builder.Services.AddNotificationChannels(builder.Configuration);
builder.Services.AddNotificationGateway(builder.Configuration);
builder.Services.AddNotificationGrpc(builder.Configuration);
builder.Services.AddNotificationTelemetry(builder.Configuration);

var app = builder.Build();
app.MapNotificationGateway();
app.MapNotificationGrpc();
if (DashboardSiloBuilderExtensions.IsDashboardEnabled(app.Configuration))
{
    app.MapOrleansDashboard(ConsolePaths.Dashboard).RequireOperator();
}
app.MapNotificationTelemetry();
try
{
    await app.RunAsync();
}
catch (OptionsValidationException exception) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // Only when this is the process's own entry point: a test host (WebApplicationFactory) must see the exception itself.
    // A configuration mistake is the operator's to fix: say what is wrong, not where in the host it was noticed.
    await Console.Error.WriteLineAsync("The silo cannot start: its configuration is invalid.");
    foreach (var failure in exception.Failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }
    return 2;
}
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
