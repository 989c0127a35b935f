using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Notifications.Channels.Email;

/// <summary>What counts as an e-mail address here: one bare addr-spec (local@domain), no display name, no group.</summary>
internal static class EmailAddresses
{
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out MailboxAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value) || !MailboxAddress.TryParse(ParserOptions.Default, value, out var parsed)
            || !string.IsNullOrEmpty(parsed.Name) || parsed.Route.Count > 0
            || parsed.LocalPart.Length == 0 || parsed.Domain.Length == 0
            || !string.Equals(parsed.Address, value.Trim(), StringComparison.Ordinal))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    public static bool IsValid(string? value) => TryParse(value, out _);
}
