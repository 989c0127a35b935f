using System.Text.Json.Serialization;

namespace Notifications.Api;

/// <summary>
/// PATCH of one inbox item: any of read, archived, snoozedUntil. An explicit <c>"snoozedUntil": null</c> un-snoozes,
/// which is not the same as leaving it out — hence <see cref="HasSnoozedUntil"/>.
/// </summary>
public sealed class InboxUpdateRequest
{
    private readonly DateTimeOffset? _snoozedUntil;
    private readonly bool _hasSnoozedUntil;

    public bool? Read { get; init; }

    public bool? Archived { get; init; }

    public DateTimeOffset? SnoozedUntil
    {
        get => _snoozedUntil;
        init
        {
            _snoozedUntil = value;
            _hasSnoozedUntil = true;
        }
    }

    [JsonIgnore]
    public bool HasSnoozedUntil => _hasSnoozedUntil;
}
