using Microsoft.Extensions.Options;
using Notifications.Application;
using Notifications.Grains.Hosting;

namespace NotificationSilo;

/// <summary>
/// On Azure Queue a campaign chunk travels as one queue message, which holds 64 KiB, and Orleans stores the chunk in it
/// base64-encoded. A chunk that does not fit fails every publish, and the campaign would stall, so the chunk size is
/// checked at start-up against ids of the longest kind a user may have. (Ids of 128 ASCII characters take a sixth of
/// that: 360 of them fit, 500 do not.)
/// </summary>
internal sealed class AzureQueueChunkSizeValidator : IValidateOptions<SiloOptions>
{
    private const int MessageBytes = 64 * 1024;

    /// <summary>The stream id, campaign id, sequence and Orleans' batch container around the ids, with room to spare.</summary>
    private const int EnvelopeBytes = 1024;

    /// <summary>The contract JSON codec writes a non-ASCII character as \uXXXX (6 bytes), and quotes and separates each id.</summary>
    private const int LongestIdBytes = SendRequestValidator.MaxIdLength * 6 + 3;

    public const int MaxChunkSize = (MessageBytes * 3 / 4 - EnvelopeBytes) / LongestIdBytes;

    public ValidateOptionsResult Validate(string? name, SiloOptions options) =>
        options.Campaigns.ChunkSize <= MaxChunkSize
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Silo:Campaigns:ChunkSize is '{options.Campaigns.ChunkSize}'; with {CampaignStreamSettings.ProviderKey}={CampaignStreamSettings.AzureQueue} a chunk is one Azure queue message (64 KiB), " +
                $"which holds at most {MaxChunkSize} user ids of the longest kind ({SendRequestValidator.MaxIdLength} characters): set it to {MaxChunkSize} or less.");
}
