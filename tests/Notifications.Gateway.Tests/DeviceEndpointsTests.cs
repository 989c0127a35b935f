using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

public sealed class DeviceEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly string ApnsToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Register_ios_android_and_webpush_devices_each_201_then_list_and_delete()
    {
        var user = await silo.CreateUserAsync();
        using var own = silo.Client(await silo.TokenForAsync(user));

        var ios = await own.PostAsJsonAsync($"/api/v1/users/{user}/devices", new RegisterDeviceRequest(DeviceKind.Ios, ApnsToken, null), Json.Options);
        var android = await own.PostAsJsonAsync($"/api/v1/users/{user}/devices", new RegisterDeviceRequest(DeviceKind.Android, "fcm:registration-token", null), Json.Options);
        var web = await own.PostAsJsonAsync($"/api/v1/users/{user}/devices", new RegisterDeviceRequest(DeviceKind.WebPush, null, ValidSubscription()), Json.Options);

        Assert.All([ios, android, web], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var iosDevice = await Json.ReadAsync<Device>(ios);
        Assert.Equal(DeviceKind.Ios, iosDevice.Kind);
        Assert.Equal(ApnsToken, iosDevice.Token);
        Assert.Equal($"/api/v1/users/{user}/devices/{iosDevice.Id}", ios.Headers.Location?.OriginalString);
        var listed = await Json.ReadAsync<List<Device>>(await own.GetAsync($"/api/v1/users/{user}/devices"));
        Assert.Equal(3, listed.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await own.DeleteAsync($"/api/v1/users/{user}/devices/{iosDevice.Id}")).StatusCode);
        await Json.ProblemAsync(await own.DeleteAsync($"/api/v1/users/{user}/devices/{iosDevice.Id}"), HttpStatusCode.NotFound);
        listed = await Json.ReadAsync<List<Device>>(await own.GetAsync($"/api/v1/users/{user}/devices"));
        Assert.Equal([DeviceKind.Android, DeviceKind.WebPush], listed.Select(d => d.Kind).Order());
    }

    public static TheoryData<string, string> BadDevices()
    {
        var good = ValidSubscription();
        return new()
        {
            { "kind", """{"token":"abc"}""" },
            { "token", """{"kind":"ios"}""" },
            { "token", """{"kind":"android","token":"   "}""" },
            { "subscription", """{"kind":"webPush"}""" },
            { "subscription.endpoint", WebPushBody("http://push.example.com/x", good.P256dh, good.Auth) },
            { "subscription.endpoint", WebPushBody("not a url", good.P256dh, good.Auth) },
            { "subscription.p256dh", WebPushBody(good.Endpoint, Base64Url.EncodeToString(new byte[10]), good.Auth) },
            { "subscription.p256dh", WebPushBody(good.Endpoint, "not base64url!", good.Auth) },
            { "subscription.auth", WebPushBody(good.Endpoint, good.P256dh, Base64Url.EncodeToString(new byte[8])) },
            { "kind", """{"kind":"blackberry","token":"abc"}""" },
        };
    }

    [Theory]
    [MemberData(nameof(BadDevices))]
    public async Task Register_bad_device_is_400_naming_the_field_and_registers_nothing(string field, string body)
    {
        var user = await silo.CreateUserAsync();
        using var manager = silo.Client(silo.ManageKey);

        var response = await manager.PostAsync($"/api/v1/users/{user}/devices", Json.Raw(body));

        await Json.ValidationProblemAsync(response, field);
        Assert.Empty(await Json.ReadAsync<List<Device>>(await manager.GetAsync($"/api/v1/users/{user}/devices")));
    }

    [Fact]
    public async Task Register_device_for_unknown_user_is_404()
    {
        using var manager = silo.Client(silo.ManageKey);
        var response = await manager.PostAsJsonAsync($"/api/v1/users/{SiloFixture.NewUserId("ghost")}/devices",
            new RegisterDeviceRequest(DeviceKind.Android, "fcm-token", null), Json.Options);
        await Json.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static string WebPushBody(string endpoint, string p256dh, string auth) =>
        JsonSerializer.Serialize(new { kind = "webPush", subscription = new { endpoint, p256dh, auth } });

    /// <summary>A subscription as a browser would produce: a real P-256 public point and a 16-byte secret.</summary>
    private static WebPushSubscription ValidSubscription()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        byte[] uncompressed = [0x04, .. point.X!, .. point.Y!];
        return new WebPushSubscription(
            "https://push.example.com/send/" + Guid.NewGuid().ToString("N"),
            Base64Url.EncodeToString(uncompressed),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }
}
