using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.PrometheusEnabled)
        {
            var path = options.PrometheusPath;
            if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal)
                || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Telemetry:PrometheusPath must be a path starting with '/' outside /api/ (no query); it is '{path}'.");
            }
        }
        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            failures.Add($"Telemetry:TraceSampleRatio must be between 0 and 1; it is {options.TraceSampleRatio}.");
        }
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && options.OtlpUri is null)
        {
            failures.Add($"Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL of an OTLP collector; it is '{options.OtlpEndpoint}'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
