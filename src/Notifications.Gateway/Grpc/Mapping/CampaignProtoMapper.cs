using Google.Protobuf.WellKnownTypes;
using Notifications.Api;
using Notifications.Domain.Campaigns;
using Notifications.Gateway.Grpc.Errors;
using Proto = Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Mapping;

/// <summary>
/// Campaign and segment messages to and from the DTOs of the REST endpoints. Absent fields become null (empty repeated
/// fields too) so the services apply REST's defaults and validation; only what a DTO cannot hold is refused here.
/// </summary>
internal static class CampaignProtoMapper
{
    public static CreateCampaignRequest ToDto(Proto.CreateCampaignRequest request) => new()
    {
        Name = request.Name,
        Segment = ToDto(request.Segment, "segment"),
        Type = request.HasType ? request.Type : null,
        Content = request.Content is null ? null : new InlineContent(request.Content.Title, request.Content.Body),
        Category = request.HasCategory ? request.Category : null,
        Data = request.Data.Count == 0 ? null : new Dictionary<string, string>(request.Data),
        Channels = request.Channels.Count == 0 ? null : [.. request.Channels.Select((c, i) => ProtoRequestMapper.ToChannel(c, $"channels[{i}]"))],
        Priority = ProtoRequestMapper.ToPriority(request.Priority, "priority"),
        RatePerSecond = request.HasRatePerSecond ? request.RatePerSecond : null,
        Schedule = ToDto(request.Schedule),
    };

    public static SegmentSpec? ToDto(Proto.SegmentSpec? segment, string field) => segment is null
        ? null
        : new SegmentSpec
        {
            Tags = segment.Tags is null
                ? null
                : new SegmentTags { All = NullIfEmpty(segment.Tags.All), Any = NullIfEmpty(segment.Tags.Any), None = NullIfEmpty(segment.Tags.None) },
            Locales = NullIfEmpty(segment.Locales),
            TimeZones = NullIfEmpty(segment.TimeZones),
            UserIds = NullIfEmpty(segment.UserIds),
            Everyone = segment.HasEveryone ? segment.Everyone : null,
            SegmentId = segment.HasSegmentId ? ProtoRequestMapper.ToId(segment.SegmentId, $"{field}.segment_id") : null,
        };

    public static Proto.CreateCampaignResponse ToProto(CampaignCreated created) => new()
    {
        Id = created.Id.ToString(),
        Status = ToProtoStatus(created.Status),
    };

    public static Proto.Campaign ToProto(CampaignView view)
    {
        var message = new Proto.Campaign
        {
            Id = view.Id.ToString(),
            Name = view.Name,
            Status = ToProtoStatus(view.Status),
            Segment = ToProto(view.Segment),
            Content = view.Content is { } content ? new Proto.InlineContent { Title = content.Title, Body = content.Body } : null,
            Channels = { (view.Channels ?? []).Select(AdminProtoMapper.ToProto) },
            Priority = ProtoResponseMapper.ToProto(view.Priority),
            RatePerSecond = view.RatePerSecond,
            Schedule = ToProto(view.Schedule),
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
            StartedAt = ToTimestamp(view.StartedAt),
            FinishedAt = ToTimestamp(view.FinishedAt),
            LastReleaseAt = ToTimestamp(view.LastReleaseAt),
            Progress = ToProto(view.Progress),
        };
        if (view.Type is not null)
        {
            message.Type = view.Type;
        }
        if (view.Category is not null)
        {
            message.Category = view.Category;
        }
        return message;
    }

    public static Proto.ListCampaignsResponse ToProto(CampaignList list) => new()
    {
        Campaigns =
        {
            list.Campaigns.Select(c => new Proto.CampaignSummary
            {
                Id = c.Id.ToString(),
                Name = c.Name,
                Status = ToProtoStatus(c.Status),
                CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt),
                UpdatedAt = Timestamp.FromDateTimeOffset(c.UpdatedAt),
            }),
        },
    };

    public static Proto.SavedSegment ToProto(SegmentView segment) => new()
    {
        Id = segment.Id.ToString(),
        Name = segment.Name,
        Segment = ToProto(segment.Segment),
        CreatedAt = Timestamp.FromDateTimeOffset(segment.CreatedAt),
    };

    public static Proto.SegmentPreview ToProto(SegmentPreview preview) => new() { Count = preview.Count, Sample = { preview.Sample } };

    private static CampaignSchedule? ToDto(Proto.CampaignSchedule? schedule) => schedule?.WhenCase switch
    {
        null => null,
        Proto.CampaignSchedule.WhenOneofCase.At => new CampaignSchedule { At = ToInstant(schedule.At, "schedule.at") },
        Proto.CampaignSchedule.WhenOneofCase.LocalTime => new CampaignSchedule { LocalTime = schedule.LocalTime },
        // Neither: refused by the service as REST refuses "schedule": {}.
        _ => new CampaignSchedule(),
    };

    /// <summary>A Timestamp outside 0001..9999 or with nanos out of range has no instant; the proto field is named.</summary>
    private static DateTimeOffset ToInstant(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw GrpcErrors.InvalidArgument(field, $"{timestamp.Seconds} s + {timestamp.Nanos} ns is not a valid instant.");
        }
    }

    private static Proto.SegmentSpec ToProto(SegmentSpec segment)
    {
        var message = new Proto.SegmentSpec
        {
            Tags = segment.Tags is { } tags
                ? new Proto.SegmentTags { All = { tags.All ?? [] }, Any = { tags.Any ?? [] }, None = { tags.None ?? [] } }
                : null,
            Locales = { segment.Locales ?? [] },
            TimeZones = { segment.TimeZones ?? [] },
            UserIds = { segment.UserIds ?? [] },
        };
        if (segment.Everyone is { } everyone)
        {
            message.Everyone = everyone;
        }
        if (segment.SegmentId is { } id)
        {
            message.SegmentId = id.ToString();
        }
        return message;
    }

    private static Proto.CampaignSchedule? ToProto(CampaignSchedule? schedule) => schedule switch
    {
        { At: { } at } => new Proto.CampaignSchedule { At = Timestamp.FromDateTimeOffset(at) },
        { LocalTime: { } local } => new Proto.CampaignSchedule { LocalTime = local },
        _ => null,
    };

    private static Proto.CampaignProgress ToProto(CampaignProgress progress) => new()
    {
        Targeted = progress.Targeted,
        Processed = progress.Processed,
        Suppressed = progress.Suppressed,
        Deferred = progress.Deferred,
        Digested = progress.Digested,
        Delivered = progress.Delivered,
        Opened = progress.Opened,
        Clicked = progress.Clicked,
        Failed = progress.Failed,
    };

    private static Proto.CampaignStatus ToProtoStatus(string status) => status switch
    {
        CampaignStatus.Draft => Proto.CampaignStatus.Draft,
        CampaignStatus.Scheduled => Proto.CampaignStatus.Scheduled,
        CampaignStatus.Running => Proto.CampaignStatus.Running,
        CampaignStatus.Paused => Proto.CampaignStatus.Paused,
        CampaignStatus.Completed => Proto.CampaignStatus.Completed,
        CampaignStatus.Cancelled => Proto.CampaignStatus.Cancelled,
        _ => throw new InvalidOperationException($"Campaign status '{status}' has no CampaignStatus value in the proto."),
    };

    private static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static List<string>? NullIfEmpty(IEnumerable<string> values) => values.Any() ? [.. values] : null;
}
