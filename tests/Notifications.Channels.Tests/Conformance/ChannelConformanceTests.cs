using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Notifications.Channels.Fakes;
using Notifications.Channels.Resilience;
using Notifications.Delivery;
using Notifications.Testing;

namespace Notifications.Channels.Tests.Conformance;

/// <summary>
/// The one contract every provider meets against its fake: exact wire payload, dead targets, provider
/// throttling, outages behind the circuit breaker without losing a job, local size checks and start-up validation.
/// </summary>
public abstract class ChannelConformanceTests : IAsyncLifetime
{
    protected static readonly Guid SampleNotificationId = new("0d9a5c1e-7b3f-4a61-9c2e-5f8d7a6b4c31");

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected abstract DeliveryChannel Channel { get; }

    protected abstract FaultPlan Faults { get; }

    /// <summary>Send attempts that reached the fake's send endpoint.</summary>
    protected abstract int SendAttempts { get; }

    /// <summary>The text body of every message the fake accepted.</summary>
    protected abstract IReadOnlyList<string> AcceptedBodies { get; }

    /// <summary>SMTP has no Retry-After; HTTP providers pass theirs through.</summary>
    protected virtual bool ProviderSendsRetryAfter => true;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected abstract IChannelSender CreateSender();

    protected abstract string LiveTarget();

    /// <summary>A target the fake now treats as unregistered/unknown.</summary>
    protected abstract string DeadTarget();

    protected abstract RenderedContent OversizeContent();

    protected abstract void AssertExactWirePayload(DeliveryRequest sample);

    /// <summary>Section name and a complete valid configuration below it.</summary>
    protected abstract (string Section, Dictionary<string, string?> Values) ValidConfiguration();

    /// <summary>One broken key at a time, and what the start-up error must say.</summary>
    protected abstract IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations();

    protected static RenderedContent SampleContent(string category = "orders") => new(
        "Your order shipped",
        "Order 1234 is on its way.",
        "<p>Order <b>1234</b> is on its way.</p>",
        category,
        "order.shipped",
        new Dictionary<string, string> { ["orderId"] = "1234", ["collapseKey"] = "order-1234" });

    protected DeliveryRequest Request(string target, RenderedContent? content = null, long jobId = 42, Priority lane = Priority.High)
        => new(jobId, SampleNotificationId, "user-1", Channel, target, lane, 1, $"job-{jobId}", Sendable(content ?? SampleContent()));

    /// <summary>What the user's grain adds to content on this channel before a job is made (WhatsApp: the session window).</summary>
    protected virtual RenderedContent Sendable(RenderedContent content) => content;

    [Fact]
    public async Task Success_sends_the_exact_wire_payload()
    {
        var sender = CreateSender();
        var sample = Request(LiveTarget());

        var outcome = await sender.SendAsync(sample, CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        Assert.Equal(Channel, sender.Channel);
        AssertExactWirePayload(sample);
    }

    [Fact]
    public async Task Dead_target_is_reported_as_TargetDead()
    {
        var outcome = await CreateSender().SendAsync(Request(DeadTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.TargetDead, outcome);
        Assert.Empty(AcceptedBodies);
    }

    [Fact]
    public async Task Provider_throttling_is_Transient_with_its_Retry_After()
    {
        var sender = CreateSender();
        Faults.RateLimitNext(1, TimeSpan.FromSeconds(7));

        var throttled = await sender.SendAsync(Request(LiveTarget()), CancellationToken.None);
        var next = await sender.SendAsync(Request(LiveTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Transient, throttled);
        Assert.Equal(ProviderSendsRetryAfter ? TimeSpan.FromSeconds(7) : null, throttled.RetryAfter);
        AssertOutcome(DeliveryOutcomeKind.Sent, next);
    }

    [Fact]
    public async Task Outage_opens_the_circuit_then_half_open_probe_recovers_and_nothing_is_lost()
    {
        var breakDuration = TimeSpan.FromSeconds(10);
        var options = new ChannelResilienceOptions { FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = breakDuration };
        var health = new ProviderHealthRegistry();
        await using var sender = new ResilientChannelSender(CreateSender(), options, Time, NullLogger.Instance, health);
        var target = LiveTarget();
        var jobs = Enumerable.Range(1, 6).Select(i => Request(target, SampleContent() with { Body = $"message {i}" }, jobId: i)).ToList();
        Faults.StartOutage();

        var pending = new List<DeliveryRequest>();
        foreach (var job in jobs.Take(4))
        {
            var failed = await sender.SendAsync(job, CancellationToken.None);
            AssertOutcome(DeliveryOutcomeKind.Transient, failed);
            pending.Add(job);
        }

        var attemptsWhenOpened = SendAttempts;
        foreach (var job in jobs.Skip(4))
        {
            var shortCircuited = await sender.SendAsync(job, CancellationToken.None);
            AssertOutcome(DeliveryOutcomeKind.Transient, shortCircuited);
            Assert.Equal(breakDuration, shortCircuited.RetryAfter);
            pending.Add(job);
        }

        Assert.Equal(attemptsWhenOpened, SendAttempts);
        // What the operations console shows: the open circuit, and only the calls that reached the provider.
        var opened = Assert.Single(health.Snapshot());
        Assert.Equal("open", opened.Circuit);
        Assert.Equal(4, opened.Attempts);
        Assert.Equal(4, opened.FailuresByKind["Transient"]);
        Assert.Equal(4, opened.RecentErrors.Count);

        // Still open just before the break ends: the probe is not let through early.
        Faults.EndOutage();
        Time.Advance(breakDuration - TimeSpan.FromSeconds(1));
        AssertOutcome(DeliveryOutcomeKind.Transient, await sender.SendAsync(pending[0], CancellationToken.None));
        Assert.Equal(attemptsWhenOpened, SendAttempts);

        Time.Advance(TimeSpan.FromSeconds(1));
        foreach (var job in pending)
        {
            var outcome = await sender.SendAsync(job, CancellationToken.None);
            AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        }

        Assert.Equal(jobs.Select(j => j.Content.Body).Order(), AcceptedBodies.Order());
        var recovered = Assert.Single(health.Snapshot());
        Assert.Equal("closed", recovered.Circuit);
        Assert.Equal(6, recovered.Sent);
    }

    [Fact]
    public async Task Oversize_payload_is_refused_locally()
    {
        var outcome = await CreateSender().SendAsync(Request(LiveTarget(), OversizeContent()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Permanent, outcome);
        Assert.Contains("too large", outcome.Reason);
        Assert.Equal(0, SendAttempts);
    }

    [Fact]
    public void Valid_configuration_registers_a_sender_for_the_channel()
    {
        var (section, values) = ValidConfiguration();
        using var provider = Build(section, values);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Contains(provider.GetServices<IChannelSender>(), s => s.Channel == Channel);
    }

    [Fact]
    public void Configuration_errors_fail_start_up_with_a_clear_message()
    {
        foreach (var (key, value, expected) in Misconfigurations())
        {
            var (section, values) = ValidConfiguration();
            values[key] = value;
            using var provider = Build(section, values);

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
            Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"setting {key}={value}: expected '{expected}' in '{error.Message}'");
        }
    }

    protected static void AssertOutcome(DeliveryOutcomeKind expected, DeliveryOutcome actual)
        => Assert.True(expected == actual.Kind, $"expected {expected}, got {actual.Kind}: {actual.Reason}");

    private static ServiceProvider Build(string section, Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>($"{section}:{pair.Key}", pair.Value)))
            .Build();
        return new ServiceCollection().AddNotificationChannels(configuration).BuildServiceProvider();
    }
}
