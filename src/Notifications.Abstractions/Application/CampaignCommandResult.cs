using Notifications.Api;

namespace Notifications.Application;

/// <summary>
/// The campaign after a command (<see cref="View"/>), or why not: <see cref="NotFound"/>, or <see cref="Refusal"/>
/// when its status does not allow the command (nothing changed).
/// </summary>
public sealed record CampaignCommandResult(CampaignView? View, string? Refusal)
{
    public bool NotFound => View is null && Refusal is null;
}
