using System.Text.Json.Serialization;

namespace Notifications.Domain.Commands;

/// <summary>A command addressed to one user's rules. Timers keep commands in the grain state as JSON, hence the kinds.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(NotifyCommand), "notify")]
[JsonDerivedType(typeof(FlushDigestCommand), "flushDigest")]
[JsonDerivedType(typeof(UpsertProfileCommand), "upsertProfile")]
[JsonDerivedType(typeof(ImportUserCommand), "importUser")]
[JsonDerivedType(typeof(UpdatePreferencesCommand), "updatePreferences")]
[JsonDerivedType(typeof(RegisterDeviceCommand), "registerDevice")]
[JsonDerivedType(typeof(RemoveDeviceCommand), "removeDevice")]
[JsonDerivedType(typeof(PushFallbackCommand), "pushFallback")]
[JsonDerivedType(typeof(SetChannelPreferenceCommand), "setChannelPreference")]
[JsonDerivedType(typeof(UnsnoozeCommand), "unsnooze")]
[JsonDerivedType(typeof(WhatsAppInboundCommand), "whatsAppInbound")]
[JsonDerivedType(typeof(RecordEmailBounceCommand), "recordEmailBounce")]
public abstract record UserCommand
{
    public required string UserId { get; init; }
}
