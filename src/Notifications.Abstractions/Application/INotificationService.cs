using Notifications.Api;

namespace Notifications.Application;

/// <summary>The producer side: accept notifications and report on them. REST and gRPC both call this.</summary>
public interface INotificationService
{
    /// <summary>Validates, appends durably and answers. Throws <see cref="ValidationFailedException"/> on bad input.</summary>
    Task<SendNotificationResponse> SendAsync(SendNotificationRequest request, CancellationToken cancellationToken);

    /// <summary>Each item is validated on its own; valid items are accepted even when others are refused.</summary>
    Task<BatchSendResponse> SendBatchAsync(IReadOnlyList<SendNotificationRequest>? requests, CancellationToken cancellationToken);

    Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken);
}
