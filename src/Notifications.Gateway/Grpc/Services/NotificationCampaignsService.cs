using Grpc.Core;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Endpoints;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Quotas;
using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>
/// notifications.v1.NotificationCampaigns: the REST campaign and segment endpoints' application services, scope and
/// quota over gRPC. A refused command (REST's 409) is FAILED_PRECONDITION.
/// </summary>
internal sealed class NotificationCampaignsService(IProducerQuota quota) : NotificationCampaigns.NotificationCampaignsBase
{
    public override async Task<CreateCampaignResponse> CreateCampaign(CreateCampaignRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var created = await context.Service<ICampaignService>().CreateAsync(CampaignProtoMapper.ToDto(request), context.CancellationToken);
        return CampaignProtoMapper.ToProto(created);
    }

    public override async Task<Campaign> GetCampaign(GetCampaignRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var id = ProtoRequestMapper.ToId(request.Id, "id");
        var view = await context.Service<ICampaignService>().GetAsync(id, context.CancellationToken) ?? throw NoSuchCampaign(id);
        return CampaignProtoMapper.ToProto(view);
    }

    public override async Task<ListCampaignsResponse> ListCampaigns(ListCampaignsRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var list = await context.Service<ICampaignService>().ListAsync(request.HasLimit ? request.Limit : CampaignEndpoints.DefaultListLimit, context.CancellationToken);
        return CampaignProtoMapper.ToProto(list);
    }

    public override Task<Campaign> StartCampaign(StartCampaignRequest request, ServerCallContext context) =>
        RunAsync(request.Id, CampaignCommands.Start, context);

    public override Task<Campaign> PauseCampaign(PauseCampaignRequest request, ServerCallContext context) =>
        RunAsync(request.Id, CampaignCommands.Pause, context);

    public override Task<Campaign> ResumeCampaign(ResumeCampaignRequest request, ServerCallContext context) =>
        RunAsync(request.Id, CampaignCommands.Resume, context);

    public override Task<Campaign> CancelCampaign(CancelCampaignRequest request, ServerCallContext context) =>
        RunAsync(request.Id, CampaignCommands.Cancel, context);

    public override async Task<SegmentPreview> PreviewSegment(PreviewSegmentRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var preview = await context.Service<ISegmentService>().PreviewAsync(
            new Api.SegmentPreviewRequest { Segment = CampaignProtoMapper.ToDto(request.Segment, "segment") }, context.CancellationToken);
        return CampaignProtoMapper.ToProto(preview);
    }

    public override async Task<SavedSegment> CreateSegment(CreateSegmentRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var created = await context.Service<ISegmentService>().CreateAsync(
            new Api.CreateSegmentRequest { Name = request.Name, Segment = CampaignProtoMapper.ToDto(request.Segment, "segment") }, context.CancellationToken);
        return CampaignProtoMapper.ToProto(created);
    }

    public override async Task<SavedSegment> GetSegment(GetSegmentRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var id = ProtoRequestMapper.ToId(request.Id, "id");
        var segment = await context.Service<ISegmentService>().GetAsync(id, context.CancellationToken) ?? throw NoSuchSegment(id);
        return CampaignProtoMapper.ToProto(segment);
    }

    public override async Task<ListSegmentsResponse> ListSegments(ListSegmentsRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var list = await context.Service<ISegmentService>().ListAsync(context.CancellationToken);
        return new ListSegmentsResponse { Segments = { list.Segments.Select(CampaignProtoMapper.ToProto) } };
    }

    public override async Task<DeleteSegmentResponse> DeleteSegment(DeleteSegmentRequest request, ServerCallContext context)
    {
        await AdmitAsync(context);
        var id = ProtoRequestMapper.ToId(request.Id, "id");
        return await context.Service<ISegmentService>().DeleteAsync(id, context.CancellationToken) ? new DeleteSegmentResponse() : throw NoSuchSegment(id);
    }

    private async Task<Campaign> RunAsync(string requestedId, string command, ServerCallContext context)
    {
        await AdmitAsync(context);
        var id = ProtoRequestMapper.ToId(requestedId, "id");
        var result = await context.Service<ICampaignService>().RunAsync(id, command, context.CancellationToken);
        return result switch
        {
            { View: { } view } => CampaignProtoMapper.ToProto(view),
            { Refusal: { } refusal } => throw GrpcErrors.FailedPrecondition(refusal),
            _ => throw NoSuchCampaign(id),
        };
    }

    /// <summary>The campaigns scope, then the key's quota, as the gateway's producer calls check them.</summary>
    private async Task AdmitAsync(ServerCallContext context) =>
        await quota.EnforceAsync(await context.RequireScopeAsync(Scopes.Campaigns), context);

    private static RpcException NoSuchCampaign(Guid id) => GrpcErrors.NotFound($"There is no campaign {id}.");

    private static RpcException NoSuchSegment(Guid id) => GrpcErrors.NotFound($"There is no segment {id}.");
}
