using Notifications.Model;

namespace Notifications.Application;

/// <summary>
/// A rule a channel sets for the notification types it will send, checked when a type is uploaded (over any API or
/// from the seed directory), after its templates compiled. Throws <see cref="ValidationFailedException"/>.
/// </summary>
public interface ITemplateRule
{
    void Check(NotificationTypeDefinition definition);
}
