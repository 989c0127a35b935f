using Grpc.Core;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Quotas;

namespace Notifications.Gateway.Grpc.Services;

internal static class GrpcQuotaExtensions
{
    /// <summary>The key's quota, as on REST: one call is one request, refused before its message is looked at.</summary>
    public static async Task EnforceAsync(this IProducerQuota quota, Caller caller, ServerCallContext context)
    {
        var decision = await quota.TryAcquireAsync(caller, 1, context.CancellationToken);
        if (!decision.Allowed)
        {
            throw GrpcErrors.ResourceExhausted(decision.Detail!, decision.RetryAfterSeconds);
        }
    }
}
