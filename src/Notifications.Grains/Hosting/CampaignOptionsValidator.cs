using Microsoft.Extensions.Options;

namespace Notifications.Grains.Hosting;

internal sealed class CampaignOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var c = options.Campaigns;
        var failures = new List<string>();
        if (c.MaxRatePerSecond < 1)
        {
            failures.Add($"Silo:Campaigns:MaxRatePerSecond must be at least 1 (was {c.MaxRatePerSecond}).");
        }
        if (c.DefaultRatePerSecond < 1 || c.DefaultRatePerSecond > c.MaxRatePerSecond)
        {
            failures.Add($"Silo:Campaigns:DefaultRatePerSecond must be between 1 and Silo:Campaigns:MaxRatePerSecond ({c.MaxRatePerSecond}) (was {c.DefaultRatePerSecond}).");
        }
        if (c.ChunkSize is < 1 or > 5_000)
        {
            failures.Add($"Silo:Campaigns:ChunkSize must be between 1 and 5000 (was {c.ChunkSize}).");
        }
        if (c.MaxChunksInFlight < 1)
        {
            failures.Add($"Silo:Campaigns:MaxChunksInFlight must be at least 1 (was {c.MaxChunksInFlight}).");
        }
        if (c.SendConcurrency < 1)
        {
            failures.Add($"Silo:Campaigns:SendConcurrency must be at least 1 (was {c.SendConcurrency}).");
        }
        if (c.MaxSendsInFlight < 1)
        {
            failures.Add($"Silo:Campaigns:MaxSendsInFlight must be at least 1 (was {c.MaxSendsInFlight}).");
        }
        if (c.MaxAttempts < 1)
        {
            failures.Add($"Silo:Campaigns:MaxAttempts must be at least 1 (was {c.MaxAttempts}).");
        }
        if (c.Tick < TimeSpan.FromMilliseconds(50) || c.Tick > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Silo:Campaigns:Tick must be between 50 ms and 1 minute (was {c.Tick}).");
        }
        if (c.ChunkBudget < TimeSpan.FromSeconds(1) || c.ChunkBudget > TimeSpan.FromSeconds(20))
        {
            failures.Add($"Silo:Campaigns:ChunkBudget must be between 1 and 20 seconds, below Orleans' 30 s response timeout for the stream's delivery (was {c.ChunkBudget}).");
        }
        if (c.RedeliverAfter < c.Tick * 2)
        {
            failures.Add($"Silo:Campaigns:RedeliverAfter must be at least twice Silo:Campaigns:Tick (was {c.RedeliverAfter}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
