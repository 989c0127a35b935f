using System.Diagnostics.CodeAnalysis;

namespace Notifications.Storage.Tests.GrainStorage;

/// <summary>What an activation holds of its grain's state between storage calls: the state, its ETag, whether a record exists.</summary>
public sealed class ProfileGrainState(ProfileState state, string? eTag = null) : IGrainState<ProfileState>
{
    private ProfileState _state = state;

    public ProfileGrainState()
        : this(new ProfileState())
    {
    }

    /// <summary>Never null here: a storage that sets null leaves the default state, as a grain would see it.</summary>
    [AllowNull]
    public ProfileState State
    {
        get => _state;
        set => _state = value ?? new ProfileState();
    }

    public string? ETag { get; set; } = eTag;

    public bool RecordExists { get; set; }
}
