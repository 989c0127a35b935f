using Notifications.Domain.Effects;

namespace Notifications.Domain.Grains;

/// <summary>What a grain turn may use besides its state and command: the clock, ids, rendering, the effect sink.</summary>
public sealed class GrainContext(DateTimeOffset now, IContentRenderer renderer, UserGrainOptions options, GrainEffects effects, Func<Guid> newId)
{
    public DateTimeOffset Now { get; } = now;
    public IContentRenderer Renderer { get; } = renderer;
    public UserGrainOptions Options { get; } = options;
    public GrainEffects Effects { get; } = effects;
    public Guid NewId() => newId();
}
