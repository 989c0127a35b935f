namespace Notifications.Application;

/// <summary>Limits of a send request, shared by REST, gRPC and the application service so each is defined once.</summary>
public static class SendLimits
{
    public const int MaxBatchSize = 10_000;
}
