namespace Notifications.Application;

/// <summary>Limits of a user import, shared by the endpoint's documentation and the application service so each is defined once.</summary>
public static class UserImportLimits
{
    public const int MaxUsers = 1_000;

    public const int MaxDevicesPerUser = 20;
}
