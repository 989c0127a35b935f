using System.Globalization;

namespace Notifications.GrpcBench;

/// <summary>Command-line settings: --name value pairs, every one optional.</summary>
internal sealed record BenchOptions
{
    public int DurationSeconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 3;
    public int Concurrency { get; init; } = 32;
    public int Users { get; init; } = 10_000;
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "silo-grpc-bench");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--duration" => options with { DurationSeconds = Int(value) },
                "--warmup" => options with { WarmupSeconds = Int(value) },
                "--concurrency" => options with { Concurrency = Int(value) },
                "--users" => options with { Users = Int(value) },
                "--data-dir" => options with { DataDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Known: --duration --warmup --concurrency --users --data-dir."),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
