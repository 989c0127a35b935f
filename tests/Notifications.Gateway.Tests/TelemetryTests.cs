using System.Diagnostics;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

/// <summary>Issue 9: the product meter reaches Prometheus at /metrics, and a notification is one trace from the request to the provider.</summary>
public sealed class TelemetryTests(TelemetrySilo silo) : IClassFixture<TelemetrySilo>
{
    [Fact]
    public async Task A_scrape_during_sends_sees_the_counters_move()
    {
        var user = await silo.CreateUserAsync();
        var before = await silo.ScrapeAsync();

        const int sends = 5;
        for (var i = 0; i < sends; i++)
        {
            await silo.SendPingAsync(user, i);
        }

        var after = await Eventually.Until(
            silo.ScrapeAsync,
            scrape => scrape.Sum("notifications_deliveries_sent_total", "channel=\"webhook\"", "lane=\"normal\"")
                >= before.Sum("notifications_deliveries_sent_total", "channel=\"webhook\"", "lane=\"normal\"") + sends,
            "five webhook deliveries counted as sent");
        Assert.True(after.Sum("notifications_accepted_total", "lane=\"normal\"") >= before.Sum("notifications_accepted_total", "lane=\"normal\"") + sends, after.Text);
        Assert.True(after.Sum("notifications_processed_total", "status=\"dispatched\"") >= before.Sum("notifications_processed_total", "status=\"dispatched\"") + sends, after.Text);
        Assert.True(after.Sum("notifications_provider_duration_seconds_count", "channel=\"webhook\"", "outcome=\"sent\"")
            >= before.Sum("notifications_provider_duration_seconds_count", "channel=\"webhook\"", "outcome=\"sent\"") + sends, after.Text);
        Assert.True(after.Has("notifications_circuit_state"), "the webhook provider's circuit state is reported");
        Assert.Equal(0, after.Sum("notifications_circuit_state", "channel=\"webhook\""));
        await Eventually.Until(silo.ScrapeAsync, scrape => scrape.Has("notifications_outbox_depth"), "the outbox depth gauge is sampled");
        Assert.Contains("orleans_", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_reports_this_silos_runtime_and_not_that_of_another_silo_in_the_same_process()
    {
        // Orleans and ASP.NET Core create their meters per service provider under one shared name; a listener that
        // matched by name alone would add a neighbour's activations to ours (and lose ours when the neighbour stops).
        await silo.CreateUserAsync();
        var before = await silo.ScrapeAsync();
        var neighbour = new TelemetrySilo();
        try
        {
            await neighbour.InitializeAsync();
            for (var i = 0; i < 3; i++)
            {
                await neighbour.CreateUserAsync();
            }
            Assert.True((await neighbour.ScrapeAsync()).Sum("orleans_catalog_activation_created_total", "grain_type=\"user\"") >= 3, "the neighbour counts its own user activations");
        }
        finally
        {
            await neighbour.DisposeAsync();
        }

        var after = await silo.ScrapeAsync();
        Assert.Equal(
            before.Sum("orleans_catalog_activation_created_total", "grain_type=\"user\""),
            after.Sum("orleans_catalog_activation_created_total", "grain_type=\"user\""));
        Assert.True(after.Sum("orleans_catalog_activations", "grain_type=\"user\"") >= 1, "this silo's own user activation is still reported after the neighbour stopped");
    }

    [Fact]
    public async Task A_notification_with_no_channel_to_reach_is_counted_as_suppressed_by_reason()
    {
        var user = await silo.CreateUserAsync();
        var before = await silo.ScrapeAsync();
        using var send = silo.Client(silo.SendKey);
        // Email is requested, but the user has no address: nothing can go out.
        var response = await send.PostAsync("/api/v1/notifications", Json.Raw($$$"""{"userId":"{{{user}}}","channels":["email"],"content":{"title":"t","body":"b"}}"""));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        await Eventually.Until(
            silo.ScrapeAsync,
            scrape => scrape.Sum("notifications_suppressed_total", "reason=\"no_target\"") >= before.Sum("notifications_suppressed_total", "reason=\"no_target\"") + 1,
            "the suppression counted with reason no_target");
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_request_through_the_grain_turn_to_the_provider_call()
    {
        var user = await silo.CreateUserAsync();
        var id = await silo.SendPingAsync(user, 42);
        await silo.Receiver.NextAsync();

        var deliver = await Eventually.Until(
            () => Task.FromResult(silo.Spans.Snapshot().FirstOrDefault(s => s.OperationName == "deliver webhook" && Equals(s.GetTagItem("notification.id"), id))),
            span => span is not null,
            "the delivery span of the notification");
        var trace = deliver!.TraceId;
        var spans = await Eventually.Until(
            () => Task.FromResult(silo.Spans.Snapshot().Where(s => s.TraceId == trace).ToArray()),
            all => all.Any(s => s.OperationName == "provider webhook") && all.Any(s => s.Source.Name == "Microsoft.AspNetCore"),
            "the provider and request spans of the trace");

        var request = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("/api/v1/notifications", request.GetTagItem("url.path"));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.DisplayName.Contains("NotifyAsync", StringComparison.Ordinal));
        var provider = Assert.Single(spans, s => s.OperationName == "provider webhook");
        Assert.Equal(deliver.SpanId, provider.ParentSpanId);
        Assert.Equal(ActivityKind.Client, provider.Kind);
        Assert.Equal(default, request.ParentSpanId);
    }
}
