using Microsoft.Extensions.Options;

namespace Notifications.Storage.Sqlite.GrainStorage;

internal sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options) =>
        options.GrainStorageSerializer is null
            ? ValidateOptionsResult.Fail($"SqliteGrainStorageOptions '{name}': GrainStorageSerializer is null; set one or leave it to the default JSON serializer.")
            : ValidateOptionsResult.Success;
}
