using Notifications.Grains.Hosting;

namespace Notifications.Grains.Tests;

/// <summary>Each bad "Silo:Campaigns" value alone is refused, with a message naming the setting and the value.</summary>
public sealed class CampaignOptionsTests
{
    [Theory]
    [InlineData(nameof(CampaignOptions.DefaultRatePerSecond), "100001", "Silo:Campaigns:DefaultRatePerSecond must be between 1 and Silo:Campaigns:MaxRatePerSecond (100000) (was 100001).")]
    [InlineData(nameof(CampaignOptions.ChunkSize), "5001", "Silo:Campaigns:ChunkSize must be between 1 and 5000 (was 5001).")]
    [InlineData(nameof(CampaignOptions.MaxChunksInFlight), "0", "Silo:Campaigns:MaxChunksInFlight must be at least 1 (was 0).")]
    [InlineData(nameof(CampaignOptions.SendConcurrency), "0", "Silo:Campaigns:SendConcurrency must be at least 1 (was 0).")]
    [InlineData(nameof(CampaignOptions.MaxSendsInFlight), "-1", "Silo:Campaigns:MaxSendsInFlight must be at least 1 (was -1).")]
    [InlineData(nameof(CampaignOptions.MaxAttempts), "0", "Silo:Campaigns:MaxAttempts must be at least 1 (was 0).")]
    [InlineData(nameof(CampaignOptions.Tick), "00:00:00.010", "Silo:Campaigns:Tick must be between 50 ms and 1 minute (was 00:00:00.0100000).")]
    [InlineData(nameof(CampaignOptions.ChunkBudget), "00:00:30", "Silo:Campaigns:ChunkBudget must be between 1 and 20 seconds, below Orleans' 30 s response timeout for the stream's delivery (was 00:00:30).")]
    [InlineData(nameof(CampaignOptions.RedeliverAfter), "00:00:01", "Silo:Campaigns:RedeliverAfter must be at least twice Silo:Campaigns:Tick (was 00:00:01).")]
    public void A_bad_value_is_refused_with_the_setting_and_the_value(string setting, string value, string message)
    {
        var options = new SiloOptions();
        var property = typeof(CampaignOptions).GetProperty(setting)!;
        property.SetValue(options.Campaigns, property.PropertyType == typeof(TimeSpan)
            ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new CampaignOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(message, Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new CampaignOptionsValidator().Validate(null, new SiloOptions()).Succeeded);
}
