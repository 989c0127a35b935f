namespace Notifications.Domain.Commands;

/// <summary>
/// Turns one channel of one category on or off, leaving every other preference as it is (a one-click
/// unsubscribe must not overwrite a preference change that raced with it).
/// </summary>
public sealed record SetChannelPreferenceCommand : UserCommand
{
    public required string Category { get; init; }
    public required ChannelKind Channel { get; init; }
    public required bool Enabled { get; init; }
}
