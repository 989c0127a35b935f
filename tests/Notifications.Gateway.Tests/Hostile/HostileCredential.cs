namespace Notifications.Gateway.Tests.Hostile;

public enum HostileCredential
{
    Admin,
    UserToken,
    None,
    Garbage,
}
