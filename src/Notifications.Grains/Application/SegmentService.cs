using Notifications.Api;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Storage;

namespace Notifications.Application;

internal sealed class SegmentService(ISegmentStore store, SegmentReader reader, TimeProvider time) : ISegmentService
{
    public const int MaxNameLength = 200;
    public const int SampleSize = 20;

    public async Task<SegmentView> CreateAsync(CreateSegmentRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ValidationFailedException("body", "a segment is required: {name, segment}.");
        }
        var name = CampaignService.RequireName(request.Name);
        var rule = await SegmentSpecs.ResolveAsync(request.Segment, store, allowSaved: false, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var saved = new SavedSegment(Guid.CreateVersion7(now), name, rule, now);
        await store.CreateAsync(saved, cancellationToken).ConfigureAwait(false);
        return ViewOf(saved);
    }

    public async Task<SegmentList> ListAsync(CancellationToken cancellationToken) =>
        new([.. (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ViewOf)]);

    public async Task<SegmentView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } saved ? ViewOf(saved) : null;

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) => store.DeleteAsync(id, cancellationToken);

    public async Task<SegmentPreview> PreviewAsync(SegmentPreviewRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ValidationFailedException("body", "a preview request is required: {segment}.");
        }
        var rule = await SegmentSpecs.ResolveAsync(request.Segment, store, allowSaved: true, cancellationToken).ConfigureAwait(false);
        var (count, sample) = await reader.CountAsync(rule, SampleSize, cancellationToken).ConfigureAwait(false);
        return new SegmentPreview(count, sample);
    }

    private static SegmentView ViewOf(SavedSegment saved) => new(saved.Id, saved.Name, SegmentSpecs.ToSpec(saved.Rule), saved.CreatedAt);
}
