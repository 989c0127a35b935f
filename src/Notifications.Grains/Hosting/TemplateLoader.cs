using Notifications.Grains.Templates;

namespace Notifications.Grains.Hosting;

/// <summary>Loads (and seeds) the notification types before the silo takes its first call.</summary>
internal sealed class TemplateLoader(TemplateRegistry templates) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TemplateLoader), ServiceLifecycleStage.ApplicationServices, templates.LoadAsync);
}
