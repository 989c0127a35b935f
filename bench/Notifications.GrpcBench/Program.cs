using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications;
using Notifications.Api;
using Notifications.Client;
using Notifications.GrpcBench;
using Notifications.Testing;
using Proto = Notifications.Protocol.V1;

// Unary Send over gRPC (Grpc.Net.Client against grpc-dotnet) and over REST against one freshly started embedded silo, in the same run and with the
// same closed-loop concurrency, then one JSON line: calls/s and latency percentiles per transport.
var options = BenchOptions.Parse(args);
var runDirectory = Path.Combine(options.DataDirectory, $"run-{DateTime.UtcNow:yyyyMMddHHmmss}");
Directory.CreateDirectory(runDirectory);

await using var silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), Path.Combine(runDirectory, "silo.db"), new Dictionary<string, string>
{
    ["Logging:LogLevel:Default"] = "Warning",
});

using var admin = silo.CreateClient();
using var created = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("grpc-bench", ["send"]), NotificationJson.Options);
created.EnsureSuccessStatusCode();
var key = (await created.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options))!.Key!;

using var grpcHttp = NotificationGrpcClient.CreateHttpClient();
using var grpc = new NotificationGrpcClient(grpcHttp, silo.GrpcAddress);
var bearer = GrpcCallOptions.Bearer(key);

using var rest = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = silo.BaseAddress };
rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
var duration = TimeSpan.FromSeconds(options.DurationSeconds);
string User(long n) => $"bench-{n % options.Users}";

var grpcResult = await ClosedLoop.RunAsync("grpc", options.Concurrency, warmup, duration, async n =>
{
    await grpc.SendAsync(new Proto.SendRequest { UserId = User(n), Content = new Proto.InlineContent { Title = "Bench", Body = $"gRPC {n}" } }, bearer);
});

var restResult = await ClosedLoop.RunAsync("rest", options.Concurrency, warmup, duration, async n =>
{
    using var response = await rest.PostAsJsonAsync(
        "/api/v1/notifications",
        new SendNotificationRequest { UserId = User(n), Content = new InlineContent("Bench", $"REST {n}") },
        NotificationJson.Options);
    if (response.StatusCode != HttpStatusCode.Accepted)
    {
        throw new InvalidOperationException($"REST send answered {(int)response.StatusCode}");
    }
});

Console.WriteLine(JsonSerializer.Serialize(
    new { options.Concurrency, options.DurationSeconds, grpc = grpcResult, rest = restResult },
    NotificationJson.Options));
return grpcResult.Failures + restResult.Failures == 0 ? 0 : 1;
