using Notifications.Testing;

namespace Notifications.LoadGenerator;

/// <summary>Command-line settings: --name value pairs, every one optional.</summary>
internal sealed record LoadOptions
{
    public int DurationSeconds { get; init; } = 60;
    public int WarmupSeconds { get; init; } = 5;
    /// <summary>Target notifications per second; 0 sends as fast as the senders can (closed loop).</summary>
    public int Rate { get; init; }
    public int BatchSize { get; init; } = 500;
    public int Senders { get; init; } = 8;
    public int Users { get; init; } = 100_000;
    /// <summary>"default" mixes lanes 5/15/60/20 % (critical/high/normal/bulk); "bulk" sends only bulk marketing.</summary>
    public string Mix { get; init; } = "default";
    /// <summary>Probe users with a live stream that get one critical notification at a time during the run (0: no probe).</summary>
    public int Probes { get; init; } = 4;
    public int ProbeIntervalMs { get; init; } = 100;
    /// <summary>The silo executable to drive; defaults to the one built beside the generator (another build: the previous version).</summary>
    public string? SiloDll { get; init; }
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "silo-bench");
    public string Synchronous { get; init; } = "FULL";

    public static LoadOptions Parse(string[] args) => BenchArguments.Parse(args, new LoadOptions(), (options, name, value) => name switch
    {
        "--duration" => options with { DurationSeconds = BenchArguments.Positive(name, value) },
        "--warmup" => options with { WarmupSeconds = BenchArguments.NonNegative(name, value) },
        "--rate" => options with { Rate = BenchArguments.NonNegative(name, value) },
        "--batch" => options with { BatchSize = BenchArguments.Positive(name, value) },
        "--senders" => options with { Senders = BenchArguments.Positive(name, value) },
        "--users" => options with { Users = BenchArguments.Positive(name, value) },
        "--mix" => value is "default" or "bulk" ? options with { Mix = value } : throw new ArgumentException($"--mix is default or bulk, not {value}."),
        "--probes" => options with { Probes = BenchArguments.NonNegative(name, value) },
        "--probe-interval-ms" => options with { ProbeIntervalMs = BenchArguments.Positive(name, value) },
        "--silo-dll" => options with { SiloDll = value },
        "--data-dir" => options with { DataDirectory = value },
        "--synchronous" => options with { Synchronous = value },
        _ => null,
    }, "--duration --warmup --rate --batch --senders --users --mix --probes --probe-interval-ms --silo-dll --data-dir --synchronous");
}
