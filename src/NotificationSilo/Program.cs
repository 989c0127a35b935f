var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddExtraConfigurationFiles();

builder.Services.AddNotificationRuntime(builder.Configuration);
builder.Services.AddConfiguredStorage(builder.Configuration);
builder.Services.AddNotificationChannels(builder.Configuration);
builder.Services.AddNotificationGateway(builder.Configuration);
builder.Services.AddNotificationGrpc(builder.Configuration);

var app = builder.Build();
app.MapNotificationGateway();
app.MapNotificationGrpc();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
