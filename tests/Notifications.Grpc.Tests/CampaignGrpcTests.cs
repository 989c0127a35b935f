using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;
using Notifications.Testing;
using Xunit.Abstractions;

namespace Notifications.Grpc.Tests;

/// <summary>
/// notifications.v1.NotificationCampaigns against the real silo: the README's campaign walkthrough over gRPC, saved
/// segments, the error statuses (and that a refused request created nothing), and the campaigns scope.
/// </summary>
public sealed class CampaignGrpcTests(CampaignSilo silo, ITestOutputHelper output) : IClassFixture<CampaignSilo>
{
    private const string Title = "Spring sale";

    private NotificationCampaigns.NotificationCampaignsClient Campaigns => silo.Client.Campaigns;

    private static Metadata Key(string key) => CampaignSilo.Bearer(key);

    private Metadata CampaignsKey => Key(silo.CampaignsKey);

    private static string NewTag(string hint) => $"{hint}-{Guid.NewGuid():N}"[..24];

    private static CreateCampaignRequest Campaign(string tag, int ratePerSecond = 1000) => new()
    {
        Name = $"spring {tag}",
        Segment = new SegmentSpec { Tags = new SegmentTags { All = { tag } }, Locales = { "fr" } },
        Content = new InlineContent { Title = Title, Body = "20% off" },
        Channels = { Channel.InApp },
        RatePerSecond = ratePerSecond,
    };

    private Task<Protocol.V1.Campaign> GetAsync(string id) => Campaigns.GetCampaignAsync(new GetCampaignRequest { Id = id }, CampaignsKey).ResponseAsync;

    private Task<Protocol.V1.Campaign> WaitForAsync(string id, Func<Protocol.V1.Campaign, bool> condition, string what) =>
        Eventually.Until(() => GetAsync(id), condition, what, TimeSpan.FromSeconds(90));

    private async Task<int> CampaignCountAsync() =>
        (await Campaigns.ListCampaignsAsync(new ListCampaignsRequest { Limit = 200 }, CampaignsKey)).Campaigns.Count;

    private async Task<int> SegmentCountAsync() =>
        (await Campaigns.ListSegmentsAsync(new ListSegmentsRequest(), CampaignsKey)).Segments.Count;

    private static async Task<RpcException> FailsAsync<T>(StatusCode code, AsyncUnaryCall<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.True(code == error.StatusCode, $"expected {code}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    private static async Task InvalidAsync<T>(string field, AsyncUnaryCall<T> call)
    {
        var error = await FailsAsync(StatusCode.InvalidArgument, call);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal(field, violation.Field);
        Assert.StartsWith($"{field}: ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_is_created_started_paused_resumed_and_completes_with_exact_counters()
    {
        const int recipients = 20;
        var tag = NewTag("walk");
        var french = await silo.UsersAsync(tag, recipients);
        var german = await silo.UsersAsync($"{tag}-de", 3, locale: "de-DE");

        var preview = await Campaigns.PreviewSegmentAsync(new PreviewSegmentRequest { Segment = Campaign(tag).Segment }, CampaignsKey);
        Assert.Equal(recipients, preview.Count);
        Assert.Equal(french.Order(StringComparer.Ordinal), preview.Sample);

        // Two recipients a tick (a second): slow enough to be paused half-way.
        var created = await Campaigns.CreateCampaignAsync(Campaign(tag, ratePerSecond: 2), CampaignsKey);
        Assert.Equal(CampaignStatus.Draft, created.Status);
        var draft = await GetAsync(created.Id);
        Assert.Equal((Protocol.V1.Priority.Bulk, 2, Title, 0L), (draft.Priority, draft.RatePerSecond, draft.Content.Title, draft.Progress.Targeted));
        Assert.Equal(new[] { tag }, draft.Segment.Tags.All);
        Assert.Null(draft.Schedule);

        Assert.Equal(CampaignStatus.Running, (await Campaigns.StartCampaignAsync(new StartCampaignRequest { Id = created.Id }, CampaignsKey)).Status);
        await WaitForAsync(created.Id, c => c.Progress.Processed > 0, "the first recipients to be processed");

        var paused = await Campaigns.PauseCampaignAsync(new PauseCampaignRequest { Id = created.Id }, CampaignsKey);
        Assert.Equal(CampaignStatus.Paused, paused.Status);
        // Half-way: a chunk handed on but not yet sent is held by its consumer until the campaign resumes.
        Assert.InRange(paused.Progress.Targeted, 1, recipients - 1);
        Assert.InRange(paused.Progress.Processed, 1, paused.Progress.Targeted);
        Assert.Equal(CampaignStatus.Paused, (await GetAsync(created.Id)).Status);

        Assert.Equal(CampaignStatus.Running, (await Campaigns.ResumeCampaignAsync(new ResumeCampaignRequest { Id = created.Id }, CampaignsKey)).Status);
        var done = await WaitForAsync(created.Id, c => c.Status == CampaignStatus.Completed && c.Progress.Processed == recipients, "the campaign to complete");

        Assert.Equal(
            new CampaignProgress { Targeted = recipients, Processed = recipients, Delivered = recipients },
            done.Progress);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        foreach (var user in french)
        {
            Assert.Equal(1, await silo.InboxCountAsync(user, Title));
        }
        foreach (var user in german)
        {
            Assert.Equal(0, await silo.InboxCountAsync(user, Title));
        }
        var listed = await Campaigns.ListCampaignsAsync(new ListCampaignsRequest(), CampaignsKey);
        Assert.Contains(listed.Campaigns, c => c.Id == created.Id && c.Status == CampaignStatus.Completed && c.Name == $"spring {tag}");
        var refused = await FailsAsync(StatusCode.FailedPrecondition, Campaigns.PauseCampaignAsync(new PauseCampaignRequest { Id = created.Id }, CampaignsKey));
        Assert.Contains("completed", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_segments_are_created_read_listed_previewed_used_by_id_and_deleted()
    {
        var tag = NewTag("saved");
        await silo.UsersAsync(tag, 3);

        var segment = await Campaigns.CreateSegmentAsync(
            new CreateSegmentRequest { Name = "saved", Segment = new SegmentSpec { Tags = new SegmentTags { Any = { tag, "other" } } } }, CampaignsKey);
        Assert.Equal(new[] { tag, "other" }, segment.Segment.Tags.Any);
        Assert.False(segment.Segment.HasSegmentId);
        var read = await Campaigns.GetSegmentAsync(new GetSegmentRequest { Id = segment.Id }, CampaignsKey);
        Assert.Equal((segment.Id, segment.Name, segment.Segment), (read.Id, read.Name, read.Segment));
        Assert.Contains((await Campaigns.ListSegmentsAsync(new ListSegmentsRequest(), CampaignsKey)).Segments, s => s.Id == segment.Id);
        var byId = new SegmentSpec { SegmentId = segment.Id };
        Assert.Equal(3, (await Campaigns.PreviewSegmentAsync(new PreviewSegmentRequest { Segment = byId }, CampaignsKey)).Count);

        var campaign = await Campaigns.CreateCampaignAsync(
            new CreateCampaignRequest { Name = "by id", Segment = byId, Content = new InlineContent { Title = "t", Body = "b" } }, CampaignsKey);

        await Campaigns.DeleteSegmentAsync(new DeleteSegmentRequest { Id = segment.Id }, CampaignsKey);
        await FailsAsync(StatusCode.NotFound, Campaigns.GetSegmentAsync(new GetSegmentRequest { Id = segment.Id }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.DeleteSegmentAsync(new DeleteSegmentRequest { Id = segment.Id }, CampaignsKey));
        // The campaign kept its copy of the conditions, and says where they came from.
        Assert.Equal(segment.Id, (await GetAsync(campaign.Id)).Segment.SegmentId);
    }

    [Fact]
    public async Task A_scheduled_campaign_can_be_cancelled_and_a_refused_command_changes_nothing()
    {
        var schedule = new CampaignSchedule { At = new Timestamp { Seconds = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds() } };
        var scheduled = await Campaigns.CreateCampaignAsync(new CreateCampaignRequest(Campaign(NewTag("later"))) { Schedule = schedule }, CampaignsKey);
        Assert.Equal(CampaignStatus.Scheduled, scheduled.Status);
        Assert.Equal(schedule, (await GetAsync(scheduled.Id)).Schedule);
        var local = await Campaigns.CreateCampaignAsync(
            new CreateCampaignRequest(Campaign(NewTag("local"))) { Schedule = new CampaignSchedule { LocalTime = "09:00" } }, CampaignsKey);
        Assert.Equal(CampaignStatus.Scheduled, local.Status);
        Assert.Equal("09:00", (await GetAsync(local.Id)).Schedule.LocalTime);

        Assert.Equal(CampaignStatus.Cancelled, (await Campaigns.CancelCampaignAsync(new CancelCampaignRequest { Id = scheduled.Id }, CampaignsKey)).Status);
        var refused = await FailsAsync(StatusCode.FailedPrecondition, Campaigns.StartCampaignAsync(new StartCampaignRequest { Id = scheduled.Id }, CampaignsKey));
        Assert.Contains("cancelled", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Cancelled, (await GetAsync(scheduled.Id)).Status);

        var draft = await Campaigns.CreateCampaignAsync(Campaign(NewTag("draft")), CampaignsKey);
        await FailsAsync(StatusCode.FailedPrecondition, Campaigns.ResumeCampaignAsync(new ResumeCampaignRequest { Id = draft.Id }, CampaignsKey));
        await FailsAsync(StatusCode.FailedPrecondition, Campaigns.PauseCampaignAsync(new PauseCampaignRequest { Id = draft.Id }, CampaignsKey));
        var unchanged = await GetAsync(draft.Id);
        Assert.Equal((CampaignStatus.Draft, 0L), (unchanged.Status, unchanged.Progress.Targeted));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_and_malformed_ids_name_the_field()
    {
        var unknown = Guid.NewGuid().ToString();
        await FailsAsync(StatusCode.NotFound, Campaigns.GetCampaignAsync(new GetCampaignRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.StartCampaignAsync(new StartCampaignRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.PauseCampaignAsync(new PauseCampaignRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.ResumeCampaignAsync(new ResumeCampaignRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.CancelCampaignAsync(new CancelCampaignRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.GetSegmentAsync(new GetSegmentRequest { Id = unknown }, CampaignsKey));
        await FailsAsync(StatusCode.NotFound, Campaigns.DeleteSegmentAsync(new DeleteSegmentRequest { Id = unknown }, CampaignsKey));

        await InvalidAsync("id", Campaigns.GetCampaignAsync(new GetCampaignRequest { Id = "nope" }, CampaignsKey));
        await InvalidAsync("id", Campaigns.StartCampaignAsync(new StartCampaignRequest(), CampaignsKey));
        await InvalidAsync("id", Campaigns.DeleteSegmentAsync(new DeleteSegmentRequest { Id = "nope" }, CampaignsKey));
    }

    [Fact]
    public async Task Bad_campaigns_are_invalid_argument_naming_the_proto_field_and_create_nothing()
    {
        var good = Campaign(NewTag("bad"));
        CreateCampaignRequest With(Action<CreateCampaignRequest> change)
        {
            var request = good.Clone();
            change(request);
            return request;
        }
        var cases = new (CreateCampaignRequest Request, string Field)[]
        {
            (With(r => r.Name = ""), "name"),
            (With(r => r.Segment = null), "segment"),
            (With(r => r.Segment = new SegmentSpec()), "segment"),
            (With(r => r.Segment = new SegmentSpec { Everyone = true, UserIds = { "a" } }), "segment.everyone"),
            (With(r => r.Segment = new SegmentSpec { Tags = new SegmentTags { All = { "" } } }), "segment.tags.all"),
            (With(r => r.Segment = new SegmentSpec { TimeZones = { "Mars/Olympus" } }), "segment.time_zones"),
            (With(r => r.Segment = new SegmentSpec { Locales = { "fr_FR" } }), "segment.locales"),
            (With(r => r.Segment = new SegmentSpec { SegmentId = Guid.NewGuid().ToString() }), "segment.segment_id"),
            (With(r => r.Segment = new SegmentSpec { SegmentId = "not-a-guid" }), "segment.segment_id"),
            (With(r => r.Segment = new SegmentSpec { SegmentId = Guid.NewGuid().ToString(), Everyone = true }), "segment.segment_id"),
            (With(r => r.Content = null), "type"),
            (With(r => { r.Content = null; r.Type = "no-such-type"; }), "type"),
            (With(r => r.Content.Title = ""), "content.title"),
            (With(r => r.Channels.Add((Channel)42)), "channels[1]"),
            (With(r => r.Priority = (Protocol.V1.Priority)99), "priority"),
            (With(r => r.RatePerSecond = 0), "rate_per_second"),
            (With(r => r.RatePerSecond = 100_000_000), "rate_per_second"),
            (With(r => r.Schedule = new CampaignSchedule()), "schedule"),
            (With(r => r.Schedule = new CampaignSchedule { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)) }), "schedule.at"),
            (With(r => r.Schedule = new CampaignSchedule { At = new Timestamp { Seconds = long.MaxValue } }), "schedule.at"),
            (With(r => r.Schedule = new CampaignSchedule { LocalTime = "9am" }), "schedule.local_time"),
        };
        var before = await CampaignCountAsync();

        foreach (var (request, field) in cases)
        {
            await InvalidAsync(field, Campaigns.CreateCampaignAsync(request, CampaignsKey));
        }

        Assert.Equal(before, await CampaignCountAsync());
        // The same request without the fault is accepted: each case failed for its field alone.
        await Campaigns.CreateCampaignAsync(good, CampaignsKey);
        Assert.Equal(before + 1, await CampaignCountAsync());
    }

    [Fact]
    public async Task Bad_segments_and_list_limits_are_invalid_argument_and_save_nothing()
    {
        var before = await SegmentCountAsync();

        await InvalidAsync("name", Campaigns.CreateSegmentAsync(new CreateSegmentRequest { Segment = new SegmentSpec { Everyone = true } }, CampaignsKey));
        await InvalidAsync("segment", Campaigns.CreateSegmentAsync(new CreateSegmentRequest { Name = "x" }, CampaignsKey));
        await InvalidAsync("segment.segment_id", Campaigns.CreateSegmentAsync(
            new CreateSegmentRequest { Name = "x", Segment = new SegmentSpec { SegmentId = Guid.NewGuid().ToString() } }, CampaignsKey));
        await InvalidAsync("segment.locales", Campaigns.CreateSegmentAsync(
            new CreateSegmentRequest { Name = "x", Segment = new SegmentSpec { Locales = { "fr_FR" } } }, CampaignsKey));
        await InvalidAsync("segment", Campaigns.PreviewSegmentAsync(new PreviewSegmentRequest { Segment = new SegmentSpec() }, CampaignsKey));
        await InvalidAsync("segment.user_ids", Campaigns.PreviewSegmentAsync(new PreviewSegmentRequest { Segment = new SegmentSpec { UserIds = { "" } } }, CampaignsKey));
        await InvalidAsync("limit", Campaigns.ListCampaignsAsync(new ListCampaignsRequest { Limit = 0 }, CampaignsKey));
        await InvalidAsync("limit", Campaigns.ListCampaignsAsync(new ListCampaignsRequest { Limit = 201 }, CampaignsKey));

        Assert.Equal(before, await SegmentCountAsync());
    }

    [Fact]
    public async Task Every_method_needs_the_campaigns_scope_and_a_refused_call_creates_nothing()
    {
        var campaigns = await CampaignCountAsync();
        var segments = await SegmentCountAsync();
        var existing = await Campaigns.CreateCampaignAsync(Campaign(NewTag("scope")), CampaignsKey);
        var id = existing.Id;
        var calls = new (string Method, Func<Metadata, Task> Call)[]
        {
            ("CreateCampaign", m => Campaigns.CreateCampaignAsync(Campaign("scope"), m).ResponseAsync),
            ("GetCampaign", m => Campaigns.GetCampaignAsync(new GetCampaignRequest { Id = id }, m).ResponseAsync),
            ("ListCampaigns", m => Campaigns.ListCampaignsAsync(new ListCampaignsRequest(), m).ResponseAsync),
            ("StartCampaign", m => Campaigns.StartCampaignAsync(new StartCampaignRequest { Id = id }, m).ResponseAsync),
            ("PauseCampaign", m => Campaigns.PauseCampaignAsync(new PauseCampaignRequest { Id = id }, m).ResponseAsync),
            ("ResumeCampaign", m => Campaigns.ResumeCampaignAsync(new ResumeCampaignRequest { Id = id }, m).ResponseAsync),
            ("CancelCampaign", m => Campaigns.CancelCampaignAsync(new CancelCampaignRequest { Id = id }, m).ResponseAsync),
            ("PreviewSegment", m => Campaigns.PreviewSegmentAsync(new PreviewSegmentRequest { Segment = new SegmentSpec { Everyone = true } }, m).ResponseAsync),
            ("CreateSegment", m => Campaigns.CreateSegmentAsync(new CreateSegmentRequest { Name = "x", Segment = new SegmentSpec { Everyone = true } }, m).ResponseAsync),
            ("GetSegment", m => Campaigns.GetSegmentAsync(new GetSegmentRequest { Id = id }, m).ResponseAsync),
            ("ListSegments", m => Campaigns.ListSegmentsAsync(new ListSegmentsRequest(), m).ResponseAsync),
            ("DeleteSegment", m => Campaigns.DeleteSegmentAsync(new DeleteSegmentRequest { Id = id }, m).ResponseAsync),
        };
        var refusals = new (Metadata Credential, StatusCode Status)[]
        {
            (Key(silo.SendKey), StatusCode.PermissionDenied),
            (Key(silo.ManageKey), StatusCode.PermissionDenied),
            (new Metadata(), StatusCode.Unauthenticated),
            (Key("nsk_not_a_key"), StatusCode.Unauthenticated),
        };

        foreach (var (method, call) in calls)
        {
            foreach (var (credential, status) in refusals)
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => call(credential));
                Assert.True(status == error.StatusCode, $"{method}: expected {status}, got {error.StatusCode}");
            }
        }

        Assert.Equal(CampaignStatus.Draft, (await GetAsync(id)).Status);
        Assert.Equal(campaigns + 1, await CampaignCountAsync());
        Assert.Equal(segments, await SegmentCountAsync());
        // Admin holds every scope, as on REST.
        Assert.Contains((await Campaigns.ListCampaignsAsync(new ListCampaignsRequest(), Key(silo.AdminKey))).Campaigns, c => c.Id == id);
    }

    [Fact]
    public async Task Grpc_js_creates_and_starts_a_campaign()
    {
        const int recipients = 5;
        var tag = NewTag("js");
        await silo.UsersAsync(tag, recipients);

        await NodeInteropSuite.RunFileAsync("campaigns.test.mjs", silo.Process.GrpcAddress, new Dictionary<string, string>
        {
            ["GRPC_CAMPAIGNS_KEY"] = silo.CampaignsKey,
            ["GRPC_SEND_KEY"] = silo.SendKey,
            ["GRPC_CAMPAIGN_TAG"] = tag,
            ["GRPC_CAMPAIGN_USERS"] = recipients.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, output);
    }

    [Fact]
    public async Task Mangled_bytes_never_yield_a_server_error_and_only_an_accepted_request_creates_a_campaign()
    {
        var valid = Campaign(NewTag("bytes")).ToByteArray();
        var random = new Random(20261202);
        var bodies = new List<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            // Flipped, dropped and inserted bytes of a valid request reach the handler's mapping and validation; pure noise the parser.
            var mangled = valid.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(mangled.Count);
                switch (random.Next(3))
                {
                    case 0: mangled[at] = (byte)random.Next(256); break;
                    case 1: mangled.RemoveAt(at); break;
                    default: mangled.Insert(at, (byte)random.Next(256)); break;
                }
            }
            bodies.Add([.. mangled]);
            var noise = new byte[random.Next(0, 64)];
            random.NextBytes(noise);
            bodies.Add(noise);
        }
        var headers = new Dictionary<string, string> { ["authorization"] = $"Bearer {silo.CampaignsKey}" };
        var before = await CampaignCountAsync();

        var accepted = 0;
        foreach (var body in bodies)
        {
            var response = await RawGrpc.SendAsync(silo.Http, silo.Process.GrpcAddress, "/notifications.v1.NotificationCampaigns/CreateCampaign", RawGrpc.Frame(body), headers: headers);
            Assert.True(
                (int)response.HttpStatus < 500 && response.GrpcStatus is { } status && status != (int)StatusCode.Internal && status != (int)StatusCode.Unknown,
                $"answered HTTP {(int)response.HttpStatus}, grpc-status {response.GrpcStatus} '{response.GrpcMessage}' to {Convert.ToHexString(body)}");
            accepted += response.GrpcStatus == (int)StatusCode.OK ? 1 : 0;
        }

        Assert.Equal(before + accepted, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_key_over_its_daily_quota_is_resource_exhausted_with_retry_after_and_creates_nothing()
    {
        // A daily quota: no refill during the test, whatever the machine's speed.
        var limited = Key(await silo.CampaignsKeyWithAsync(new Api.ProducerQuota(RequestsPerDay: 2)));

        await Campaigns.ListSegmentsAsync(new ListSegmentsRequest(), limited);
        await Campaigns.ListCampaignsAsync(new ListCampaignsRequest(), limited);
        var before = await CampaignCountAsync();
        var exhausted = await FailsAsync(StatusCode.ResourceExhausted, Campaigns.CreateCampaignAsync(Campaign(NewTag("quota")), limited));

        Assert.True(int.Parse(exhausted.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(before, await CampaignCountAsync());
    }
}
