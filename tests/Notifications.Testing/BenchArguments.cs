using System.Globalization;

namespace Notifications.Testing;

/// <summary>The benchmarks' command lines: <c>--name value</c> pairs, every one optional, folded into an options record.</summary>
public static class BenchArguments
{
    /// <summary>
    /// Applies each pair to <paramref name="options"/> in turn; <paramref name="apply"/> answers null for a name it does
    /// not know, which is refused with the names it does (<paramref name="known"/>).
    /// </summary>
    public static T Parse<T>(string[] args, T options, Func<T, string, string, T?> apply, string known) where T : class
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }
            options = apply(options, args[i], args[i + 1]) ?? throw new ArgumentException($"Unknown option {args[i]}. Known: {known}.");
        }
        return options;
    }

    public static int Positive(string name, string value) =>
        NonNegative(name, value) is > 0 and var n ? n : throw new ArgumentException($"{name} must be at least 1 (was {value}).");

    public static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} must be a whole number (was {value}).");
}
