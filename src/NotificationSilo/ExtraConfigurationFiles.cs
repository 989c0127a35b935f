using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// Lets an operator add JSON configuration files without touching appsettings.json: <c>--config path</c> on the
/// command line and/or the <c>NOTIFICATIONSILO_CONFIG</c> environment variable (several paths separated by ';').
/// The files rank above appsettings*.json and below environment variables and the command line, so a single
/// setting can still be overridden the usual way.
/// </summary>
internal static class ExtraConfigurationFiles
{
    public const string CommandLineKey = "config";
    public const string EnvironmentVariable = "NOTIFICATIONSILO_CONFIG";

    public static ConfigurationManager AddExtraConfigurationFiles(this ConfigurationManager configuration)
    {
        var paths = new[] { Environment.GetEnvironmentVariable(EnvironmentVariable), configuration[CommandLineKey] }
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .SelectMany(value => value!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Path.GetFullPath)
            .ToList();
        var sources = configuration.Sources;
        var position = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index + 1;
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The configuration file '{path}' given by --{CommandLineKey} or {EnvironmentVariable} does not exist.", path);
            }
            sources.Insert(position++, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!),
                Path = Path.GetFileName(path),
                Optional = false,
                ReloadOnChange = false,
            });
        }
        return configuration;
    }
}
