using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Notifications.Grains.Storage;

/// <summary>The opaque inbox paging cursor: the (created, id) of the last item of a page, base64url.</summary>
public static class InboxCursor
{
    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{id:N}"));

    public static bool TryDecode(string cursor, out (long CreatedAtMs, Guid Id) position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 128 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var created)
            || !Guid.TryParseExact(text.AsSpan(colon + 1), "N", out var id))
        {
            return false;
        }
        position = (created, id);
        return true;
    }
}
