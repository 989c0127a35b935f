using System.Globalization;

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

    public static CampaignBenchOptions Parse(string[] args)
    {
        var options = new CampaignBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }
            var value = args[i + 1];
            options = args[i] switch
            {
                "--recipients" => options with { Recipients = Positive(args[i], value) },
                "--rate" => options with { Rate = Positive(args[i], value) },
                "--import-concurrency" => options with { ImportConcurrency = Positive(args[i], value) },
                "--tx-rate" => options with { TransactionalRate = NonNegative(args[i], value) },
                "--tx-in-flight" => options with { TransactionalInFlight = Positive(args[i], value) },
                "--baseline" => options with { BaselineSeconds = Positive(args[i], value) },
                "--probes" => options with { Probes = NonNegative(args[i], value) },
                "--probe-interval-ms" => options with { ProbeIntervalMs = Positive(args[i], value) },
                "--timeout" => options with { TimeoutSeconds = Positive(args[i], value) },
                "--setting" => options with { Settings = With(options.Settings, value) },
                "--synchronous" => value is "FULL" or "NORMAL" ? options with { Synchronous = value } : throw new ArgumentException($"--synchronous is FULL or NORMAL, not {value}."),
                _ => throw new ArgumentException($"Unknown option {args[i]}. Known: --recipients --rate --import-concurrency --tx-rate --tx-in-flight --baseline --probes --probe-interval-ms --timeout --synchronous --setting."),
            };
        }
        return options;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 1)
        {
            throw new ArgumentException($"--setting is Key=Value, for example Silo:Delivery:ConcurrencyPerLane=64 (was {value}).");
        }
        return new Dictionary<string, string>(settings) { [value[..equals]] = value[(equals + 1)..] };
    }

    private static int Positive(string name, string value) =>
        NonNegative(name, value) is > 0 and var n ? n : throw new ArgumentException($"{name} must be at least 1 (was {value}).");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} must be a whole number (was {value}).");
}
