using System.Text.Json;
using System.Text.RegularExpressions;

namespace Notifications.Gateway.Errors;

/// <summary>
/// Turns System.Text.Json's and minimal APIs' binding errors into messages in the API's own terms. Theirs name
/// CLR types ("could not be converted to System.Nullable`1[Notifications.Priority]"), which tell a client
/// nothing and leak the implementation.
/// </summary>
internal static partial class BindingMessages
{
    /// <summary>"$.quietHours.start" → "quietHours.start"; the document root is reported as "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    public static string ForJson(string field, JsonException json)
    {
        var converted = ConvertedTo().Match(json.Message);
        if (converted.Success)
        {
            return $"{field} must be {Expected(converted.Groups["type"].Value)}.";
        }
        var at = json.LineNumber is { } line && json.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1})" : "";
        if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The body nests too deeply{at}.";
        }
        if (MissingRequired().Match(json.Message) is { Success: true } missing)
        {
            return $"Required: {missing.Groups["names"].Value.Trim().TrimEnd('.')}.";
        }
        var reason = WithoutTypeNames(Location().Replace(json.Message, "").Trim());
        return $"The body is not valid JSON for this operation{at}: {reason}";
    }

    /// <summary>A route or query value that did not parse, or a required body or parameter that is absent.</summary>
    public static (string Field, string Message)? ForParameter(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var value = failed.Groups["value"].Value;
            return (failed.Groups["name"].Value, $"\"{(value.Length > 100 ? value[..100] + "…" : value)}\" is not {Expected(failed.Groups["type"].Value)}.");
        }
        if (ImplicitBodyMissing().IsMatch(message))
        {
            return ("body", "A JSON body is required.");
        }
        if (NotProvided().Match(message) is { Success: true } absent)
        {
            return absent.Groups["source"].Value == "body"
                ? ("body", "A JSON body is required.")
                : (absent.Groups["name"].Value, $"Required (in the {absent.Groups["source"].Value.ToLowerInvariant()}).");
        }
        return null;
    }

    /// <summary>The last line of defence: any CLR type name left in a framework message becomes "a value".</summary>
    public static string WithoutTypeNames(string message) => TypeName().Replace(message, "a value");

    /// <summary>What a CLR type is to a JSON client.</summary>
    private static string Expected(string clrType)
    {
        var type = NullableOf().Match(clrType) is { Success: true } nullable ? nullable.Groups["inner"].Value : clrType.TrimEnd('?');
        if (type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            type = type["Nullable<".Length..^1];
        }
        if (typeof(Priority).Assembly.GetType(type) is { IsEnum: true } enumType)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName));
        }
        return type switch
        {
            "System.String" or "string" => "a string",
            "System.Boolean" or "bool" => "true or false",
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte"
                or "int" or "long" or "short" or "byte" or "uint" or "ulong" => "an integer in range",
            "System.Double" or "System.Single" or "System.Decimal" or "double" or "float" or "decimal" => "a number",
            "System.DateTimeOffset" or "System.DateTime" or "DateTimeOffset" or "DateTime" => "a date-time (ISO 8601, e.g. 2026-12-01T08:00:00Z)",
            "System.TimeOnly" or "TimeOnly" => "a time of day (HH:mm)",
            "System.TimeSpan" or "TimeSpan" => "a duration (hh:mm:ss)",
            "System.Guid" or "Guid" => "a UUID",
            _ when type.Contains("List`1", StringComparison.Ordinal) || type.Contains("Collection`1", StringComparison.Ordinal)
                || type.Contains("Enumerable`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("Set`1", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.(\s|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"missing required properties,? including the following: (?<names>.+)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"\s*Path: .*$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>[^ ""]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex(@"^Required parameter ""(?<type>.+) (?<name>[^ ""]+)"" was not provided from (?<source>\w+)\.$")]
    private static partial Regex NotProvided();

    [GeneratedRegex(@"^Implicit body inferred for parameter ""[^""]+"" but no body was provided")]
    private static partial Regex ImplicitBodyMissing();

    [GeneratedRegex(@"'?\b(System|Microsoft|Notifications)\.[\w.`\[\],+]+'?")]
    private static partial Regex TypeName();
}
