using Microsoft.Extensions.Options;
using Notifications.Grains.Delivery;

namespace Notifications.Grains.Hosting;

internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (options.IdempotencyWindow <= TimeSpan.Zero)
        {
            failures.Add($"Silo:IdempotencyWindow must be positive (was {options.IdempotencyWindow}).");
        }
        if (options.InboxRetention <= TimeSpan.Zero)
        {
            failures.Add("Silo:InboxRetention must be positive.");
        }
        if (options.Grain.RateLimitCapacity < 1 || options.Grain.RateLimitRefillPerHour <= 0)
        {
            failures.Add("Silo:Grain:RateLimitCapacity must be at least 1 and Silo:Grain:RateLimitRefillPerHour positive.");
        }
        if (options.Grain.DefaultDigestWindow <= TimeSpan.Zero || options.Grain.RateLimitDigestWindow <= TimeSpan.Zero)
        {
            failures.Add("Silo:Grain:DefaultDigestWindow and Silo:Grain:RateLimitDigestWindow must be positive.");
        }
        if (options.Delivery.ConcurrencyPerLane < 1 || options.Delivery.ClaimBatchSize < 1 || options.Delivery.MaxAttempts < 1)
        {
            failures.Add("Silo:Delivery:ConcurrencyPerLane, ClaimBatchSize and MaxAttempts must be at least 1.");
        }
        var delivery = options.Delivery;
        if (delivery.Lease < TimeSpan.FromSeconds(1))
        {
            failures.Add("Silo:Delivery:Lease must be at least 1 second: a shorter lease hands a job to a second worker while the first still sends it.");
        }
        if (delivery.RetryBaseDelay <= TimeSpan.Zero || delivery.RetryMaxDelay < delivery.RetryBaseDelay)
        {
            failures.Add("Silo:Delivery:RetryBaseDelay must be positive and Silo:Delivery:RetryMaxDelay at least as long.");
        }
        if (options.Operations.ReportInterval < TimeSpan.FromMilliseconds(100) || options.Operations.ReportInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Silo:Operations:ReportInterval must be between 00:00:00.1 and 00:01:00 (was {options.Operations.ReportInterval}).");
        }
        if (options.TemplateRefreshInterval < TimeSpan.FromMilliseconds(100) || options.TemplateRefreshInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Silo:TemplateRefreshInterval must be between 00:00:00.1 and 00:05:00 (was {options.TemplateRefreshInterval}).");
        }
        if (delivery.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Silo:Delivery:PollInterval must be positive.");
        }
        if (options.IdleDeactivation < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Silo:IdleDeactivation must be at least one minute, Orleans' shortest collection age (was {options.IdleDeactivation}).");
        }
        if (options.MaxInFlightPerLane is < 1 or > 1_000_000)
        {
            failures.Add($"Silo:MaxInFlightPerLane must be between 1 and 1000000 (was {options.MaxInFlightPerLane}).");
        }
        if (options.UserCommandTimeout <= TimeSpan.Zero)
        {
            failures.Add("Silo:UserCommandTimeout must be positive.");
        }
        if (options.Delivery.DefaultWebhookUrl is { } webhook && !WebhookUrls.IsValid(webhook))
        {
            failures.Add($"Silo:Delivery:DefaultWebhookUrl '{webhook}' must be an absolute http(s) URL.");
        }
        if (options.TemplateSeedDirectory is { Length: > 0 } seeds && !Directory.Exists(seeds))
        {
            failures.Add($"Silo:TemplateSeedDirectory '{seeds}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
