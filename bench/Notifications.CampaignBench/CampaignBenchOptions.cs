using Notifications.Testing;

namespace Notifications.CampaignBench;

/// <summary>Command-line settings: --name value pairs, every one optional.</summary>
internal sealed record CampaignBenchOptions
{
    /// <summary>Users imported with the campaign's tag; the campaign targets exactly them.</summary>
    public int Recipients { get; init; } = 20_000;
    /// <summary>Recipients per second the campaign asks for (the silo's Silo:Campaigns:MaxRatePerSecond is raised to it).</summary>
    public int Rate { get; init; } = 1_000_000;
    /// <summary>Import requests (of up to 1,000 users each) in flight at once; the silo admits their turns like bulk sends.</summary>
    public int ImportConcurrency { get; init; } = 2;
    /// <summary>Ordinary transactional sends per second offered before and during the blast (0: none).</summary>
    public int TransactionalRate { get; init; } = 200;
    /// <summary>The most transactional sends in flight: a silo slower than the offered rate lowers the achieved rate.</summary>
    public int TransactionalInFlight { get; init; } = 16;
    /// <summary>How long the transactional load and the probe run alone before the campaign starts (the baseline).</summary>
    public int BaselineSeconds { get; init; } = 10;
    /// <summary>Probe users with a live stream that get one critical notification at a time (0: no probe).</summary>
    public int Probes { get; init; } = 2;
    public int ProbeIntervalMs { get; init; } = 100;
    /// <summary>The longest the campaign may take before the run gives up and reports what it saw.</summary>
    public int TimeoutSeconds { get; init; } = 1_800;
    public string Synchronous { get; init; } = "FULL";
    /// <summary>Extra silo settings, <c>--setting Key=Value</c> (repeatable): Silo:Delivery:ConcurrencyPerLane=64, …</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public static CampaignBenchOptions Parse(string[] args) => BenchArguments.Parse(args, new CampaignBenchOptions(), (options, name, value) => name switch
    {
        "--recipients" => options with { Recipients = BenchArguments.Positive(name, value) },
        "--rate" => options with { Rate = BenchArguments.Positive(name, value) },
        "--import-concurrency" => options with { ImportConcurrency = BenchArguments.Positive(name, value) },
        "--tx-rate" => options with { TransactionalRate = BenchArguments.NonNegative(name, value) },
        "--tx-in-flight" => options with { TransactionalInFlight = BenchArguments.Positive(name, value) },
        "--baseline" => options with { BaselineSeconds = BenchArguments.Positive(name, value) },
        "--probes" => options with { Probes = BenchArguments.NonNegative(name, value) },
        "--probe-interval-ms" => options with { ProbeIntervalMs = BenchArguments.Positive(name, value) },
        "--timeout" => options with { TimeoutSeconds = BenchArguments.Positive(name, value) },
        "--setting" => options with { Settings = With(options.Settings, value) },
        "--synchronous" => value is "FULL" or "NORMAL" ? options with { Synchronous = value } : throw new ArgumentException($"--synchronous is FULL or NORMAL, not {value}."),
        _ => null,
    }, "--recipients --rate --import-concurrency --tx-rate --tx-in-flight --baseline --probes --probe-interval-ms --timeout --synchronous --setting");

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 1)
        {
            throw new ArgumentException($"--setting is Key=Value, for example Silo:Delivery:ConcurrencyPerLane=64 (was {value}).");
        }
        return new Dictionary<string, string>(settings) { [value[..equals]] = value[(equals + 1)..] };
    }
}
