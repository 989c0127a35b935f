using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Gateway.Telemetry;
using Notifications.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Orleans' sources: grain calls as the application made them (the runtime's own are too chatty to trace).</summary>
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>
    /// OpenTelemetry for the whole silo: the product's meter, Orleans' and ASP.NET Core's, served to Prometheus
    /// and optionally pushed over OTLP; traces (the product's, Orleans grain calls, incoming HTTP) when OTLP is set
    /// or Telemetry:Tracing is on.
    /// </summary>
    public static IServiceCollection AddNotificationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton<NotificationMetrics>();

        // Which exporters exist is decided while registering; a bad value is reported by the validator at start.
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("notification-silo"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(NotificationTelemetry.MeterName, NotificationTelemetry.OrleansMeterName).AddAspNetCoreInstrumentation();
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, builder) => builder.AddView(OnlyThisSilosMeters(provider.GetRequiredService<IMeterFactory>())));
                if (settings.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.TracingEnabled)
        {
            otel.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(settings.TraceSampleRatio, 0, 1))))
                .AddSource(NotificationTelemetry.ActivitySourceName, OrleansApplicationSource)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => IsTraced(context.Request.Path, settings.PrometheusPath)));
        }
        if (settings.OtlpUri is { } endpoint)
        {
            otel.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }
        return services;
    }

    /// <summary>
    /// Orleans and ASP.NET Core create their meters through the service provider's <see cref="IMeterFactory"/>, under names
    /// every silo in a process shares. Matched by name alone, a neighbour's instruments would merge into ours, and its
    /// shutdown would retire the merged series; so instruments of another provider's factory are dropped.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisSilosMeters(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;

    /// <summary>Probes and scrapes are not worth a trace each.</summary>
    private static bool IsTraced(Microsoft.AspNetCore.Http.PathString path, string scrapePath) =>
        !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz") && !path.StartsWithSegments(scrapePath);
}
