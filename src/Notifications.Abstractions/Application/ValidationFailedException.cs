namespace Notifications.Application;

/// <summary>Bad input: <see cref="Field"/> names what is wrong (a JSON path such as "notifications[3].userId"). Nothing was changed.</summary>
public sealed class ValidationFailedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
