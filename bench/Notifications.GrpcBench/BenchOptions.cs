using Notifications.Testing;

namespace Notifications.GrpcBench;

/// <summary>Command-line settings: --name value pairs, every one optional.</summary>
internal sealed record BenchOptions
{
    public int DurationSeconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 3;
    public int Concurrency { get; init; } = 32;
    public int Users { get; init; } = 10_000;
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "silo-grpc-bench");

    public static BenchOptions Parse(string[] args) => BenchArguments.Parse(args, new BenchOptions(), (options, name, value) => name switch
    {
        "--duration" => options with { DurationSeconds = BenchArguments.Positive(name, value) },
        "--warmup" => options with { WarmupSeconds = BenchArguments.NonNegative(name, value) },
        "--concurrency" => options with { Concurrency = BenchArguments.Positive(name, value) },
        "--users" => options with { Users = BenchArguments.Positive(name, value) },
        "--data-dir" => options with { DataDirectory = value },
        _ => null,
    }, "--duration --warmup --concurrency --users --data-dir");
}
