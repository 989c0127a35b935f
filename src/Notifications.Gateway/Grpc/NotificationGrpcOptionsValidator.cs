using Notifications.Gateway.Grpc.Hosting;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Grpc;

internal sealed class NotificationGrpcOptionsValidator : IValidateOptions<NotificationGrpcOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationGrpcOptions options)
    {
        var failures = new List<string>();
        var urls = GrpcUrls.Split(options.Urls);
        if (urls.Count == 0)
        {
            failures.Add("Grpc:Urls must name at least one address, e.g. \"http://0.0.0.0:5081\".");
        }

        foreach (var url in urls)
        {
            if (!GrpcUrls.TryParse(url, out _, out var error))
            {
                failures.Add($"Grpc:Urls entry '{url}' is invalid: {error}");
            }
        }

        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"Grpc:MaxReceiveMessageSize must be positive (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize <= 0)
        {
            failures.Add($"Grpc:MaxSendMessageSize must be positive (was {options.MaxSendMessageSize}).");
        }

        if (options.HealthPollInterval <= TimeSpan.Zero)
        {
            failures.Add("Grpc:HealthPollInterval must be positive.");
        }

        if (options.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"Grpc:CertificatePath '{path}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
