namespace NotificationSilo;

/// <summary>
/// Hears the dashboard grain's <c>Enable(bool)</c> broadcast to this silo's dashboard service (see
/// <see cref="DashboardSampling"/>) and switches the sampling to match. Every other call passes straight through,
/// with no await of its own: this filter sees every grain call of the silo.
/// </summary>
internal sealed class DashboardSamplingFilter(Type dashboardService, DashboardSampling sampling) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (ReferenceEquals(context.InterfaceMethod?.DeclaringType, dashboardService)
            && context.InterfaceMethod!.Name == "Enable"
            && context.Request.GetArgumentCount() >= 1
            && context.Request.GetArgument(0) is bool on)
        {
            _ = sampling.SwitchAsync(on);
        }
        return context.Invoke();
    }
}
