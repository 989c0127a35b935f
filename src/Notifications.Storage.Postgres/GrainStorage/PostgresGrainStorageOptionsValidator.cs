using Microsoft.Extensions.Options;

namespace Notifications.Storage.Postgres.GrainStorage;

internal sealed class PostgresGrainStorageOptionsValidator : IValidateOptions<PostgresGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresGrainStorageOptions options) =>
        options.GrainStorageSerializer is null
            ? ValidateOptionsResult.Fail($"PostgresGrainStorageOptions '{name}': GrainStorageSerializer is null; set one or leave it to the default JSON serializer.")
            : ValidateOptionsResult.Success;
}
