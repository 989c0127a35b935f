using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

/// <summary>Key elements are rows of the settings table under one name prefix: no schema of their own to migrate.</summary>
internal sealed class SqliteDataProtectionKeyStore(SqliteDatabase database) : IDataProtectionKeyStore
{
    private const string Prefix = "data-protection-key/";
    /// <summary>The first name after every name that starts with <see cref="Prefix"/> ('0' follows '/').</summary>
    private const string PrefixEnd = "data-protection-key0";

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM settings WHERE name >= $from AND name < $to ORDER BY rowid";
            command.With("$from", Prefix).With("$to", PrefixEnd);
            using var reader = command.ExecuteReader();
            var elements = new List<string>();
            while (reader.Read())
            {
                elements.Add(reader.GetString(0));
            }
            return elements;
        }, cancellationToken);

    public Task AddAsync(string name, string xml, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING")
            .With("$name", Prefix + name).With("$value", xml).ExecuteNonQuery(), cancellationToken);
}
