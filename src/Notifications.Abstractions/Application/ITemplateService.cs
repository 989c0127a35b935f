using Notifications.Model;

namespace Notifications.Application;

public interface ITemplateService
{
    IReadOnlyList<NotificationTypeDefinition> List();

    NotificationTypeDefinition? Get(string type);

    /// <summary>Compiles every template first; an invalid one throws <see cref="ValidationFailedException"/> and nothing is stored.</summary>
    Task<NotificationTypeDefinition> UpsertAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string type, CancellationToken cancellationToken);
}
