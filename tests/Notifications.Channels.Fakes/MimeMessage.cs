using System.Text;
using System.Text.RegularExpressions;

namespace Notifications.Channels.Fakes;

/// <summary>Just enough MIME to read what a mail client would show: headers, and text parts decoded.</summary>
public sealed partial class MimeMessage
{
    private MimeMessage(IReadOnlyDictionary<string, string> headers, IReadOnlyList<(string ContentType, string Body)> parts)
    {
        Headers = headers;
        Parts = parts;
    }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public IReadOnlyList<(string ContentType, string Body)> Parts { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Subject => Header("Subject") is { } subject ? DecodeWords(subject) : null;

    public string? Text => Parts.FirstOrDefault(p => p.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)).Body;

    public string? Html => Parts.FirstOrDefault(p => p.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)).Body;

    public static MimeMessage Parse(string raw)
    {
        var (headers, body) = Split(raw);
        var parts = new List<(string, string)>();
        Collect(headers, body, parts);
        return new MimeMessage(headers, parts);
    }

    private static void Collect(Dictionary<string, string> headers, string body, List<(string, string)> parts)
    {
        var contentType = headers.GetValueOrDefault("Content-Type") ?? "text/plain";
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Boundary().Match(contentType).Groups[1].Value.Trim('"');
            var sections = body.Split("--" + boundary);
            foreach (var section in sections.Skip(1))
            {
                if (section.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(section.TrimStart('\r', '\n'));
                Collect(partHeaders, partBody, parts);
            }

            return;
        }

        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding")?.Trim().ToLowerInvariant();
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(Regex.Replace(body, @"\s", "")),
            "quoted-printable" => QuotedPrintable(body),
            _ => Encoding.UTF8.GetBytes(body),
        };
        var text = Encoding.UTF8.GetString(bytes);
        parts.Add((contentType, text.EndsWith("\r\n", StringComparison.Ordinal) && encoding != "base64" ? text[..^2] : text));
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var body = end < 0 ? "" : raw[(end + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':') is > 0 and var colon)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    private static byte[] QuotedPrintable(string body)
    {
        var output = new List<byte>();
        var text = body.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                output.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. output];
    }

    /// <summary>RFC 2047 encoded words (=?charset?B|Q?…?=).</summary>
    public static string DecodeWords(string value)
    {
        // Whitespace between adjacent encoded words is folding, not content.
        var joined = Regex.Replace(value, @"\?=\s+=\?", "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            var charset = Encoding.GetEncoding(match.Groups[1].Value);
            var payload = match.Groups[3].Value;
            return match.Groups[2].Value.ToUpperInvariant() == "B"
                ? charset.GetString(Convert.FromBase64String(payload))
                : charset.GetString(QuotedPrintable(payload.Replace('_', ' ')));
        });
    }

    [GeneratedRegex("boundary=(\"[^\"]+\"|[^;\\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
