namespace Notifications.Gateway.Auth;

/// <summary>
/// Marks an endpoint that also accepts its credential as the access_token query parameter, because browsers'
/// EventSource and WebSocket cannot set headers. Kept to those endpoints: URLs end up in logs.
/// </summary>
internal sealed class QueryTokenMetadata
{
    public const string ParameterName = "access_token";

    public static readonly QueryTokenMetadata Instance = new();
}
