using Grpc.Core;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Validation;
using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>
/// notifications.v1.NotificationAdmin: the REST admin endpoints' application services and scopes over gRPC.
/// Templates need scope manage; API keys and dead letters need admin.
/// </summary>
internal sealed class NotificationAdminService(TimeProvider time) : NotificationAdmin.NotificationAdminBase
{
    public override async Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Manage);
        return new ListTemplatesResponse { NotificationTypes = { context.Service<ITemplateService>().List().Select(AdminProtoMapper.ToProto) } };
    }

    public override async Task<NotificationType> GetTemplate(GetTemplateRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Manage);
        var definition = context.Service<ITemplateService>().Get(request.Type) ?? throw NoSuchType(request.Type);
        return AdminProtoMapper.ToProto(definition);
    }

    public override async Task<PutTemplateResponse> PutTemplate(PutTemplateRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Manage);
        if (request.Definition is null)
        {
            throw GrpcErrors.InvalidArgument("definition", "required");
        }

        var definition = AdminProtoMapper.ToDto(request.Definition);
        var templates = context.Service<ITemplateService>();
        var existed = templates.Get(definition.Type) is not null;
        var stored = await templates.UpsertAsync(definition, context.CancellationToken);
        return new PutTemplateResponse { Definition = AdminProtoMapper.ToProto(stored), Created = !existed };
    }

    public override async Task<DeleteTemplateResponse> DeleteTemplate(DeleteTemplateRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Manage);
        return await context.Service<ITemplateService>().DeleteAsync(request.Type, context.CancellationToken)
            ? new DeleteTemplateResponse()
            : throw NoSuchType(request.Type);
    }

    public override async Task<ApiKey> CreateApiKey(Protocol.V1.CreateApiKeyRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Admin);
        var created = await ApiKeyIssuer.IssueAsync(
            new Api.CreateApiKeyRequest(request.Name, [.. request.Scopes], AdminProtoMapper.ToDto(request.Quota)),
            context.Service<IApiKeyService>(), time, context.CancellationToken);
        return AdminProtoMapper.ToProto(created);
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Admin);
        var keys = await context.Service<IApiKeyService>().ListAsync(context.CancellationToken);
        return new ListApiKeysResponse
        {
            Keys = { keys.Where(k => k.RevokedAt is null).Select(k => AdminProtoMapper.ToProto(new ApiKeyView(k.Id, k.Name, k.Scopes, k.CreatedAt))) },
        };
    }

    public override async Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Admin);
        return await context.Service<IApiKeyService>().RevokeAsync(request.Id, context.CancellationToken)
            ? new RevokeApiKeyResponse()
            : throw GrpcErrors.NotFound($"There is no API key \"{request.Id}\".");
    }

    public override async Task<Protocol.V1.DeadLetterPage> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Admin);
        var page = await context.Service<IDeliveryService>().ListDeadLettersAsync(
            request.HasCursor ? request.Cursor : null, request.HasLimit ? request.Limit : null, context.CancellationToken);
        return AdminProtoMapper.ToProto(page);
    }

    public override async Task<Protocol.V1.ReplayedDelivery> ReplayDeadLetter(ReplayDeadLetterRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Admin);
        var replayed = await context.Service<IDeliveryService>().ReplayAsync(request.DeliveryId, context.CancellationToken)
            ?? throw GrpcErrors.NotFound($"There is no dead letter {request.DeliveryId} (it may have been replayed already).");
        return AdminProtoMapper.ToProto(replayed);
    }

    private static RpcException NoSuchType(string type) => GrpcErrors.NotFound($"There is no notification type \"{type}\".");
}
