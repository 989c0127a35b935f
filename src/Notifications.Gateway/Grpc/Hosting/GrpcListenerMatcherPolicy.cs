using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>
/// gRPC endpoints match only on the gRPC listener and every other endpoint only off it: a REST port never serves a
/// gRPC call (404) and the gRPC port never serves REST, so REST middleware never sees a gRPC call.
/// </summary>
internal sealed class GrpcListenerMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    // After the HTTP method policy, so a GET of a gRPC path on the gRPC listener still gets its 405.
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Count > 0;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onGrpcListener = httpContext.Features.Get<GrpcConnectionFeature>() is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var isGrpc = candidates[i].Endpoint.Metadata.GetMetadata<GrpcEndpointMarker>() is not null;
            if (isGrpc != onGrpcListener)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
