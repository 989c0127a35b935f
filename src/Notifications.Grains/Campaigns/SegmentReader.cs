using Notifications.Domain.Directory;
using Notifications.Domain.Segments;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// Resolves a segment by paging the user directory in user-id order: the store narrows by index, the rule decides.
/// Nothing here activates a grain.
/// </summary>
internal sealed class SegmentReader(IUserDirectory directory)
{
    /// <summary>Directory rows read per round trip.</summary>
    public const int PageSize = 1_000;

    /// <summary>The fewest rows a slice's read asks for, so a rule that rejects most rows still moves in few round trips.</summary>
    private const int MinPageSize = 100;

    /// <summary>
    /// Up to <paramref name="max"/> members after <paramref name="after"/>. <c>Cursor</c> is where the next call continues
    /// (the last row consumed); <c>Exhausted</c> when the directory has no rows after it.
    /// </summary>
    public async Task<SegmentSlice> NextAsync(SegmentRule rule, DirectoryFilter filter, string? after, int max, CancellationToken cancellationToken)
    {
        var members = new List<string>(Math.Min(max, PageSize));
        var cursor = after;
        while (members.Count < max)
        {
            // No more rows than the slice still needs (a tag-narrowed page is all members): a full page for a
            // 500-recipient chunk read every row twice, once here and once more by the next chunk.
            var limit = Math.Clamp(max - members.Count, MinPageSize, PageSize);
            var page = await directory.PageAsync(filter, cursor, limit, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                cursor = entry.UserId;
                if (rule.Matches(entry))
                {
                    members.Add(entry.UserId);
                    if (members.Count == max)
                    {
                        // Rows after this one in the page are read again by the next call: nothing is skipped.
                        return new SegmentSlice(members, cursor, Exhausted: false);
                    }
                }
            }
            if (page.Count < limit)
            {
                return new SegmentSlice(members, cursor, Exhausted: true);
            }
        }
        return new SegmentSlice(members, cursor, Exhausted: false);
    }

    /// <summary>The members in (<paramref name="after"/>, <paramref name="last"/>]: a chunk read again to publish it again.</summary>
    public async Task<IReadOnlyList<string>> RangeAsync(SegmentRule rule, DirectoryFilter filter, string? after, string last, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        var cursor = after;
        while (true)
        {
            var page = await directory.PageAsync(filter, cursor, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (string.CompareOrdinal(entry.UserId, last) > 0)
                {
                    return members;
                }
                cursor = entry.UserId;
                if (rule.Matches(entry))
                {
                    members.Add(entry.UserId);
                }
            }
            if (page.Count < PageSize)
            {
                return members;
            }
        }
    }

    /// <summary>Exactly how many users the rule selects now, and the first <paramref name="sample"/> of them.</summary>
    public async Task<(long Count, IReadOnlyList<string> Sample)> CountAsync(SegmentRule rule, int sample, CancellationToken cancellationToken)
    {
        var filter = rule.Narrowing();
        var first = new List<string>(sample);
        long count = 0;
        string? cursor = null;
        while (true)
        {
            var page = await directory.PageAsync(filter, cursor, PageSize * 5, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (rule.Matches(entry))
                {
                    count++;
                    if (first.Count < sample)
                    {
                        first.Add(entry.UserId);
                    }
                }
            }
            if (page.Count < PageSize * 5)
            {
                return (count, first);
            }
            cursor = page[^1].UserId;
        }
    }
}
