using Notifications.Model;

namespace Notifications.Grains.Storage;

public interface ITemplateStore
{
    Task<IReadOnlyList<NotificationTypeDefinition>> ListAsync(CancellationToken cancellationToken);

    Task UpsertAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string type, CancellationToken cancellationToken);
}
