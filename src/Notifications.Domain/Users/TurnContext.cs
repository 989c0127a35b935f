using Notifications.Domain.Effects;

namespace Notifications.Domain.Users;

/// <summary>What a grain turn may use besides its state and command: the clock, ids, rendering, the effect sink.</summary>
public sealed class TurnContext(DateTimeOffset now, IContentRenderer renderer, UserRuleOptions options, TurnEffects effects, Func<Guid> newId)
{
    public DateTimeOffset Now { get; } = now;
    public IContentRenderer Renderer { get; } = renderer;
    public UserRuleOptions Options { get; } = options;
    public TurnEffects Effects { get; } = effects;
    public Guid NewId() => newId();
}
