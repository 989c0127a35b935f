using Notifications.Runtime.Application;

namespace Notifications.Gateway.Validation;

internal static class UserIdValidator
{
    public const int MaxLength = 128;

    public static void Validate(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxLength || userId.Any(char.IsControl) || userId.Any(char.IsWhiteSpace))
        {
            throw new ValidationFailedException("userId", $"A user id is 1 to {MaxLength} characters without spaces or control characters.");
        }
    }
}
