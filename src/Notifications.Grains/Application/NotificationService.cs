using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>
/// Validates sends, resolves them against their types and hands each to its user's grain. Normal and bulk sends are
/// admitted a bounded number at a time (<see cref="SiloOptions.MaxInFlightPerLane"/>), so a saturating batch waits
/// here, costing nothing, instead of queueing thousands of turns in the thread pool ahead of a critical one.
/// </summary>
internal sealed class NotificationService(
    ITemplateService templates,
    UserGrains users,
    INotificationStore notifications,
    IOptions<SiloOptions> options,
    TimeProvider time) : INotificationService
{
    private readonly SendRequestValidator _validator = new(templates, options.Value);
    private readonly LaneAdmission _admission = new(options.Value.MaxInFlightPerLane);

    public Task<SendNotificationResponse> SendAsync(SendNotificationRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var command = _validator.Resolve(request, Guid.CreateVersion7(now), now);
        return _admission.RunAsync(command.Priority, () => users.Get(command.UserId).NotifyAsync(command)).WaitAsync(cancellationToken);
    }

    public async Task<BatchSendResponse> SendBatchAsync(IReadOnlyList<SendNotificationRequest>? requests, CancellationToken cancellationToken)
    {
        if (requests is null || requests.Count == 0)
        {
            throw new ValidationFailedException("notifications", $"Required: an array of 1 to {SendLimits.MaxBatchSize} notifications.");
        }
        if (requests.Count > SendLimits.MaxBatchSize)
        {
            throw new ValidationFailedException("notifications", $"{requests.Count} notifications; a batch holds at most {SendLimits.MaxBatchSize}. Split it.");
        }
        var now = time.GetUtcNow();
        var results = new BatchItemResult[requests.Count];
        var accepted = new List<(int Index, Task<SendNotificationResponse> Answer)>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                var command = _validator.Resolve(requests[i], Guid.CreateVersion7(now), now, $"notifications[{i}].");
                accepted.Add((i, _admission.RunAsync(command.Priority, () => users.Get(command.UserId).NotifyAsync(command))));
            }
            catch (ValidationFailedException exception)
            {
                results[i] = new BatchItemResult(i, null, "rejected", exception.Message, exception.Field);
            }
        }
        try
        {
            await Task.WhenAll(accepted.Select(a => a.Answer)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && accepted.Any(a => a.Answer.IsCompletedSuccessfully))
        {
            // Some users' grains committed and some could not: each item says which, so a retry resends only the rest.
        }
        var taken = 0;
        foreach (var (index, answer) in accepted)
        {
            if (answer.IsCompletedSuccessfully)
            {
                results[index] = new BatchItemResult(index, answer.Result.Id, answer.Result.Status);
                taken++;
            }
            else
            {
                results[index] = new BatchItemResult(index, null, "unavailable", "not accepted: the user's grain could not commit it; send it again.");
            }
        }
        return new BatchSendResponse(taken, requests.Count - taken, results);
    }

    public Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken) => notifications.GetAsync(id, cancellationToken);
}
