using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Partitions;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Application;

internal sealed class NotificationService(
    ITemplateService templates,
    CommandRouter router,
    INotificationStore notifications,
    IOptions<SiloOptions> options,
    TimeProvider time) : INotificationService
{
    public const int MaxBatchSize = 10_000;
    private readonly SendRequestValidator _validator = new(templates, options.Value);

    public async Task<SendNotificationResponse> SendAsync(SendNotificationRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var command = Address(_validator.Resolve(request, Guid.CreateVersion7(now), now), request.IdempotencyKey, now);
        var result = await router.SendAsync(command, cancellationToken).ConfigureAwait(false);
        return Answer(result);
    }

    public async Task<BatchSendResponse> SendBatchAsync(IReadOnlyList<SendNotificationRequest> requests, CancellationToken cancellationToken)
    {
        if (requests is null || requests.Count == 0)
        {
            throw new ValidationFailedException("notifications", "notifications must hold at least one item.");
        }
        if (requests.Count > MaxBatchSize)
        {
            throw new ValidationFailedException("notifications", $"a batch holds at most {MaxBatchSize} notifications (got {requests.Count}).");
        }
        var now = time.GetUtcNow();
        var results = new BatchItemResult[requests.Count];
        var commands = new List<NewCommand>(requests.Count);
        var indexes = new List<int>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                var command = _validator.Resolve(requests[i], Guid.CreateVersion7(now), now, $"notifications[{i}].");
                commands.Add(Address(command, requests[i].IdempotencyKey, now));
                indexes.Add(i);
            }
            catch (ValidationFailedException exception)
            {
                results[i] = new BatchItemResult(i, null, "rejected", exception.Message, exception.Field);
            }
        }
        if (commands.Count > 0)
        {
            var appended = await router.SendAsync(commands, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < appended.Count; j++)
            {
                var answer = Answer(appended[j]);
                results[indexes[j]] = new BatchItemResult(indexes[j], answer.Id, answer.Status);
            }
        }
        return new BatchSendResponse(commands.Count, requests.Count - commands.Count, results);
    }

    public Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken) => notifications.GetAsync(id, cancellationToken);

    private NewCommand Address(NotifyCommand command, string? idempotencyKey, DateTimeOffset now) =>
        router.Address(command, command.Priority, command.NotificationId,
            idempotencyKey is null ? null : new IdempotencyReservation(command.UserId, idempotencyKey, now + options.Value.IdempotencyWindow));

    private static SendNotificationResponse Answer(AppendResult result) =>
        new(result.NotificationId!.Value, result.Duplicate ? "duplicate" : "accepted");
}
