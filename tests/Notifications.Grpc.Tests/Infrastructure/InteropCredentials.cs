namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>What the node suite needs to call as a producer, a manager and two users.</summary>
internal sealed record InteropCredentials(string SendKey, string ManageKey, string UserId, string UserToken, string OtherUserToken);
