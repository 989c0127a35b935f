namespace NotificationSilo;

/// <summary>Azure Storage's naming rules, checked before start-up so a bad name is a configuration error, not a 400 at the first write.</summary>
internal static class AzureStorageNames
{
    public const string TableRule = "a table name is 3-63 letters or digits and starts with a letter";
    public const string QueueRule = "a queue name is 3-63 lowercase letters, digits or single hyphens, starting with a letter or digit and not ending with a hyphen";

    public static bool IsTableName(string name) =>
        name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    public static bool IsQueueName(string name) =>
        name.Length is >= 3 and <= 63
        && char.IsAsciiLetterOrDigit(name[0])
        && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
