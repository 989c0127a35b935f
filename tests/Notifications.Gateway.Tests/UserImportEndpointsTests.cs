using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

/// <summary>
/// POST /api/v1/users:import over HTTP: users and their devices in one call, read back through the single endpoints;
/// the users scope; and an import with one bad item, refused whole.
/// </summary>
public sealed class UserImportEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly string ApnsToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private async Task<HttpClient> ImporterAsync() => silo.Client(await silo.CreateKeyAsync(silo.AdminKey, "importer", Auth.Scopes.Users));

    private static WebPushSubscription Subscription()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        byte[] uncompressed = [0x04, .. point.X!, .. point.Y!];
        return new WebPushSubscription(
            "https://push.example.com/send/" + Guid.NewGuid().ToString("N"),
            Base64Url.EncodeToString(uncompressed),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    private static string Body(params string[] items) => $$"""{"users":[{{string.Join(",", items)}}]}""";

    private static string Item(string userId, string profile = """{"displayName":"Imported","timeZone":"Europe/Paris"}""", string? devices = null) =>
        devices is null ? $$"""{"userId":"{{userId}}","profile":{{profile}}}""" : $$"""{"userId":"{{userId}}","profile":{{profile}},"devices":{{devices}}}""";

    [Fact]
    public async Task Imported_users_and_their_devices_read_back_through_the_user_and_device_endpoints()
    {
        var tag = $"imported-{Guid.NewGuid():N}";
        var ada = SiloFixture.NewUserId("ada");
        var bob = SiloFixture.NewUserId("bob");
        var cy = SiloFixture.NewUserId("cy");
        var adaProfile = new UserProfile { DisplayName = "Ada", Email = "ada@example.com", Locale = "fr-CA", TimeZone = "America/Toronto", Tags = [tag, "beta"] };
        var request = new ImportUsersRequest(
        [
            new UserImportItem(ada, adaProfile, [new RegisterDeviceRequest(DeviceKind.Ios, ApnsToken, null), new RegisterDeviceRequest(DeviceKind.Android, "fcm:ada-token", null)]),
            new UserImportItem(bob, new UserProfile { DisplayName = "Bob", Tags = [tag] }, [new RegisterDeviceRequest(DeviceKind.WebPush, null, Subscription())]),
            new UserImportItem(cy, new UserProfile { DisplayName = "Cy", Tags = [tag] }, null),
        ]);
        using var importer = await ImporterAsync();

        var response = await importer.PostAsJsonAsync("/api/v1/users:import", request, Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = await Json.ReadAsync<ImportUsersResponse>(response);
        Assert.Equal((3, 0), (imported.Imported, imported.Unavailable));
        Assert.Equal([(0, ada), (1, bob), (2, cy)], imported.Results.Select(r => (r.Index, r.UserId)));
        Assert.All(imported.Results, r => Assert.Equal(UserImportResult.Imported, r.Status));
        using var manager = silo.Client(silo.ManageKey);
        var adaView = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{ada}"));
        Assert.Equal(adaProfile with { Tags = [] }, adaView.Profile with { Tags = [] });
        Assert.Equal([tag, "beta"], adaView.Profile.Tags);
        var adaDevices = await Json.ReadAsync<List<Device>>(await manager.GetAsync($"/api/v1/users/{ada}/devices"));
        Assert.Equal(imported.Results[0].Devices!.Select(d => d.Id).Order(), adaDevices.Select(d => d.Id).Order());
        Assert.Equal([(DeviceKind.Ios, ApnsToken), (DeviceKind.Android, "fcm:ada-token")], adaDevices.OrderBy(d => d.Kind).Select(d => (d.Kind, d.Token!)));
        Assert.Equal(DeviceKind.WebPush, Assert.Single(await Json.ReadAsync<List<Device>>(await manager.GetAsync($"/api/v1/users/{bob}/devices"))).Kind);
        Assert.Empty(await Json.ReadAsync<List<Device>>(await manager.GetAsync($"/api/v1/users/{cy}/devices")));

        // The profile turn of an import keeps the directory, as PUT does: a segment finds the imported users.
        using var campaigns = silo.Client(await silo.CreateKeyAsync(silo.AdminKey, "campaigns", Auth.Scopes.Campaigns));
        var preview = await Json.ReadAsync<SegmentPreview>(await campaigns.PostAsync("/api/v1/segments/preview", Json.Raw("""{"segment":{"tags":{"all":["TAG"]}}}""".Replace("TAG", tag, StringComparison.Ordinal))));
        Assert.Equal(3, preview.Count);
    }

    [Fact]
    public async Task Importing_a_user_again_replaces_the_profile_and_a_device_registered_again_replaces_the_old_one()
    {
        var user = SiloFixture.NewUserId("again");
        using var importer = await ImporterAsync();
        var device = $$"""[{"kind":"android","token":"fcm:{{user}}"}]""";
        var first = await Json.ReadAsync<ImportUsersResponse>(await importer.PostAsync("/api/v1/users:import", Json.Raw(Body(Item(user, """{"displayName":"First"}""", device)))));
        var second = await Json.ReadAsync<ImportUsersResponse>(await importer.PostAsync("/api/v1/users:import", Json.Raw(Body(Item(user, """{"displayName":"Second"}""", device)))));

        using var manager = silo.Client(silo.ManageKey);
        var view = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{user}"));
        Assert.Equal("Second", view.Profile.DisplayName);
        Assert.Equal(second.Results[0].Devices!.Single().Id, Assert.Single(view.Devices).Id);
        Assert.NotEqual(first.Results[0].Devices!.Single().Id, view.Devices[0].Id);
    }

    [Fact]
    public async Task Only_a_key_with_the_users_or_admin_scope_may_import()
    {
        var body = () => Json.Raw(Body(Item(SiloFixture.NewUserId("scoped"))));
        using var send = silo.Client(silo.SendKey);
        using var manage = silo.Client(silo.ManageKey);
        using var own = silo.Client(await silo.TokenForAsync(await silo.CreateUserAsync()));
        using var admin = silo.Client(silo.AdminKey);
        using var importer = await ImporterAsync();

        await Json.ProblemAsync(await send.PostAsync("/api/v1/users:import", body()), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await manage.PostAsync("/api/v1/users:import", body()), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await own.PostAsync("/api/v1/users:import", body()), HttpStatusCode.Forbidden);
        using var anonymous = silo.Client();
        await Json.ProblemAsync(await anonymous.PostAsync("/api/v1/users:import", body()), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/users:import", body())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await importer.PostAsync("/api/v1/users:import", body())).StatusCode);
    }

    /// <summary>The second of three items is bad in the named field; the first and third are good.</summary>
    public static TheoryData<string, string> BadSecondItems()
    {
        var good = Subscription();
        return new()
        {
            { "users[1].userId", """{"profile":{"displayName":"No id"}}""" },
            { "users[1].userId", Item("has/slash") },
            { "users[1].profile", """{"userId":"no-profile"}""" },
            { "users[1].profile.email", Item("bad-email", """{"email":"not-an-email"}""") },
            { "users[1].profile.timeZone", Item("bad-zone", """{"timeZone":"Mars/Olympus_Mons"}""") },
            { "users[1].profile.tags", Item("bad-tags", """{"tags":["  "]}""") },
            { "users[1].profile.displayName", Item("bad-name", """{"displayName":123}""") },
            { "users[1].devices[1].token", Item("bad-token", devices: $$"""[{"kind":"android","token":"fcm:ok"},{"kind":"ios","token":"nothex"}]""") },
            { "users[1].devices[0].kind", Item("bad-kind", devices: """[{"kind":"blackberry","token":"abc"}]""") },
            { "users[1].devices[0].subscription.endpoint", Item("bad-endpoint", devices: $$$"""[{"kind":"webPush","subscription":{"endpoint":"http://push.example.com/x","p256dh":"{{{good.P256dh}}}","auth":"{{{good.Auth}}}"}}]""") },
            { "users[1].devices", Item("many-devices", devices: $"[{string.Join(",", Enumerable.Range(0, UserImportLimits.MaxDevicesPerUser + 1).Select(i => $$"""{"kind":"android","token":"fcm:{{i}}"}"""))}]") },
        };
    }

    [Theory]
    [MemberData(nameof(BadSecondItems))]
    public async Task One_bad_item_is_400_naming_the_item_and_field_and_nobody_is_imported(string field, string badItem)
    {
        var first = SiloFixture.NewUserId("first");
        var third = SiloFixture.NewUserId("third");
        using var importer = await ImporterAsync();

        var response = await importer.PostAsync("/api/v1/users:import", Json.Raw(Body(Item(first), badItem, Item(third))));

        await Json.ValidationProblemAsync(response, field);
        using var manager = silo.Client(silo.ManageKey);
        foreach (var user in new[] { first, third, "bad-email", "bad-zone", "bad-token", "many-devices" })
        {
            await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{user}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_user_twice_in_one_import_no_users_or_too_many_are_400_and_import_nothing()
    {
        var user = SiloFixture.NewUserId("twice");
        using var importer = await ImporterAsync();

        var problem = await Json.ValidationProblemAsync(await importer.PostAsync("/api/v1/users:import", Json.Raw(Body(Item(user), Item(user)))), "users[1].userId");
        Assert.Contains("users[0]", problem.GetProperty("errors").GetProperty("users[1].userId")[0].GetString(), StringComparison.Ordinal);
        await Json.ValidationProblemAsync(await importer.PostAsync("/api/v1/users:import", Json.Raw("""{"users":[]}""")), "users");
        await Json.ValidationProblemAsync(await importer.PostAsync("/api/v1/users:import", Json.Raw("{}")), "users");
        var tooMany = Body([.. Enumerable.Range(0, UserImportLimits.MaxUsers + 1).Select(i => Item($"{user}-{i}"))]);
        await Json.ValidationProblemAsync(await importer.PostAsync("/api/v1/users:import", Json.Raw(tooMany)), "users");
        await Json.ValidationProblemAsync(await importer.PostAsync("/api/v1/users:import", Json.Raw("""{"users":[null]}""")), "users[0]");

        using var manager = silo.Client(silo.ManageKey);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{user}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{user}-0"), HttpStatusCode.NotFound);
    }
}
