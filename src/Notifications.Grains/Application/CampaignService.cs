using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>
/// Validates a campaign whole before its grain exists (bad input creates nothing), snapshots its segment's rule (a
/// saved segment deleted later does not change a campaign), and hands every lifecycle command to the campaign's grain.
/// </summary>
internal sealed class CampaignService(
    IGrainFactory grains,
    ISegmentStore segments,
    ICampaignStore campaigns,
    CampaignFunnels funnels,
    ITemplateService templates,
    IOptions<SiloOptions> options,
    TimeProvider time) : ICampaignService
{
    public const int MaxListLimit = 200;
    private const string ProbeUser = "campaign-recipient";
    private readonly SendRequestValidator _validator = new(templates, options.Value);

    public async Task<CampaignCreated> CreateAsync(CreateCampaignRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ValidationFailedException("body", "a campaign is required: {name, segment, type | content, …}.");
        }
        var name = RequireName(request.Name);
        var rule = await SegmentSpecs.ResolveAsync(request.Segment, segments, allowSaved: true, cancellationToken).ConfigureAwait(false);
        var send = new SendNotificationRequest
        {
            Type = request.Type,
            Content = request.Content,
            Category = request.Category,
            Data = request.Data,
            Channels = request.Channels,
            Priority = request.Priority ?? Priority.Bulk,
        };
        var now = time.GetUtcNow();
        // The same checks every recipient's send will pass, made once on a stand-in recipient.
        _validator.Resolve(send with { UserId = ProbeUser }, Guid.Empty, now);
        var rate = RateOf(request.RatePerSecond);
        var schedule = ScheduleOf(request.Schedule, now);
        var id = Guid.CreateVersion7(now);
        var definition = new CampaignDefinition(name, request.Segment!.SegmentId is null ? SegmentSpecs.ToSpec(rule) : request.Segment, rule, send, rate, schedule, now);
        var created = await Grain(id).CreateAsync(definition).WaitAsync(cancellationToken).ConfigureAwait(false);
        var view = created.View ?? throw new InvalidOperationException(created.Refusal);
        return new CampaignCreated(view.Id, view.Status);
    }

    public async Task<CampaignList> ListAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            throw new ValidationFailedException("limit", $"limit must be between 1 and {MaxListLimit} (was {limit}).");
        }
        var rows = await campaigns.ListAsync(limit, cancellationToken).ConfigureAwait(false);
        return new CampaignList([.. rows.Select(r => new CampaignSummary(r.Id, r.Name, r.Status, r.CreatedAt, r.UpdatedAt))]);
    }

    public async Task<CampaignView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await Grain(id).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false) is { } view
            ? await funnels.CompleteAsync(view, cancellationToken).ConfigureAwait(false)
            : null;

    public async Task<CampaignCommandResult> RunAsync(Guid id, string command, CancellationToken cancellationToken)
    {
        if (!CampaignCommands.All.Contains(command, StringComparer.Ordinal))
        {
            throw new ValidationFailedException("command", $"'{command}' is not a campaign command; one of {string.Join(", ", CampaignCommands.All)}.");
        }
        var result = await Grain(id).RunAsync(command).WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.View is { } view ? result with { View = await funnels.CompleteAsync(view, cancellationToken).ConfigureAwait(false) } : result;
    }

    internal static string RequireName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > SegmentService.MaxNameLength)
        {
            throw new ValidationFailedException("name", $"name is required: 1 to {SegmentService.MaxNameLength} characters.");
        }
        return name.Trim();
    }

    private int RateOf(int? requested)
    {
        var limits = options.Value.Campaigns;
        if (requested is not { } rate)
        {
            return limits.DefaultRatePerSecond;
        }
        return rate >= 1 && rate <= limits.MaxRatePerSecond
            ? rate
            : throw new ValidationFailedException("ratePerSecond", $"ratePerSecond must be between 1 and {limits.MaxRatePerSecond} (was {rate}).");
    }

    private static CampaignSchedule? ScheduleOf(CampaignSchedule? schedule, DateTimeOffset now)
    {
        if (schedule is null)
        {
            return null;
        }
        if (schedule.At is null == schedule.LocalTime is null)
        {
            throw new ValidationFailedException("schedule", "a schedule is exactly one of {at: <instant>} or {localTime: \"HH:mm\"}.");
        }
        if (schedule.At is { } at && at <= now)
        {
            throw new ValidationFailedException("schedule.at", $"{at:O} is not in the future; to send now, create a draft and start it.");
        }
        if (schedule.LocalTime is { } local
            && !TimeOnly.TryParseExact(local, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            throw new ValidationFailedException("schedule.localTime", $"'{local}' is not a local time \"HH:mm\" (for example 09:00).");
        }
        return schedule;
    }

    private ICampaignGrain Grain(Guid id) => grains.GetGrain<ICampaignGrain>(id);
}
