using System.Globalization;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>One scrape of Prometheus' text exposition format, read the way a scraper reads it: series by name and labels.</summary>
public sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of every series named <paramref name="name"/> whose labels include all of <paramref name="labels"/> ("key=\"value\"").</summary>
    public double Sum(string name, params string[] labels)
    {
        double total = 0;
        foreach (var line in Series(name))
        {
            if (labels.All(label => line.Labels.Contains(label, StringComparison.Ordinal)))
            {
                total += line.Value;
            }
        }
        return total;
    }

    public bool Has(string name) => Series(name).Any();

    private IEnumerable<(string Labels, double Value)> Series(string name)
    {
        foreach (var raw in Text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[name.Length..];
            string labels;
            if (rest.StartsWith('{'))
            {
                var close = rest.IndexOf('}', StringComparison.Ordinal);
                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else if (rest.StartsWith(' '))
            {
                labels = "";
            }
            else
            {
                continue;
            }
            var value = rest.Trim().Split(' ')[0];
            yield return (labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
