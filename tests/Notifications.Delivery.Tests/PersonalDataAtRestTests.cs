using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>
/// Tried: a user with an e-mail address, a phone number, an iOS and an Android token and a web push subscription,
/// sent to on every one of them; then the silo restarted with a second key made current. Must hold: none of those
/// values appears anywhere in the database files (database, WAL), every delivery still reaches the right address,
/// the rows written before the rotation still open, and the rows written after it are sealed with the new key.
/// </summary>
public sealed class PersonalDataAtRestTests
{
    [Fact]
    public async Task Addresses_numbers_and_tokens_are_sealed_in_the_files_and_a_rotated_key_keeps_old_rows_readable()
    {
        using var data = new TempDirectory("pii");
        var database = data.File("silo.db");
        var first = Key();
        var second = Key();
        var index = Key();
        Dictionary<string, string?> Settings(string current, params (string Id, string Key)[] keys)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Sqlite:Path"] = database,
                ["Security:Pii:CurrentKey"] = current,
                ["Security:Pii:IndexKey"] = index,
            };
            foreach (var (id, key) in keys)
            {
                settings[$"Security:Pii:Keys:{id}"] = key;
            }
            return settings;
        }

        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var phone = "+1" + Random.Shared.NextInt64(2_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var apnsToken = FakeApnsServer.NewDeviceToken();
        var fcmToken = "fcm-" + Guid.NewGuid().ToString("N");
        string userId;
        string webPushEndpoint;
        await using (var silo = await DeliverySilo.StartAsync(Settings("first", ("first", first))))
        {
            var subscription = silo.Fakes.WebPush.Subscribe(silo.Fakes.Vapid.PublicKey);
            webPushEndpoint = subscription.Endpoint;
            userId = await silo.CreateUserAsync(new UserProfile { Email = email, Phone = phone, DisplayName = "Ada" });
            await silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, apnsToken, null));
            await silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Android, fcmToken, null));
            await silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.WebPush, null, subscription));
            await SendEverywhereAsync(silo, userId, "Before the rotation", DeliveryChannel.WebPush);
            Assert.Single(silo.Fakes.Twilio.Accepted, f => f["To"] == phone);
            Assert.Single(silo.Fakes.Apns.Requests, r => r.Path == $"/3/device/{apnsToken}");
        }
        string[] secrets = [email, phone, apnsToken, fcmToken, webPushEndpoint];
        AssertNoneInClear(data.Path, secrets);

        await using (var silo = await DeliverySilo.StartAsync(Settings("second", ("first", first), ("second", second))))
        {
            // The user's state and devices were sealed with the first key; sending again needs all of them opened.
            // (The web push subscription points at the first run's fake push service, gone now: not waited for.)
            await SendEverywhereAsync(silo, userId, "After the rotation");
            Assert.Single(silo.Fakes.Twilio.Accepted, f => f["To"] == phone);
            Assert.Single(silo.Fakes.Apns.Requests, r => r.Path == $"/3/device/{apnsToken}");
            Assert.Single(silo.Fakes.Smtp.Received, m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        }
        AssertNoneInClear(data.Path, secrets);

        var sealedWith = await TargetKeyIdsAsync(database);
        Assert.Equal(10, sealedWith.Count);
        Assert.Equal(5, sealedWith.Count(k => k == "first"));
        Assert.Equal(5, sealedWith.Count(k => k == "second"));
    }

    private static async Task SendEverywhereAsync(DeliverySilo silo, string userId, string title, params DeliveryChannel[] alsoWaitFor)
    {
        var id = await silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent(title, "Was this you?"),
            Category = "security",
            Priority = Priority.Critical,
            Channels = [ChannelKind.Email, ChannelKind.Sms, ChannelKind.Push],
        });
        foreach (var channel in new[] { DeliveryChannel.Email, DeliveryChannel.Sms, DeliveryChannel.Apns, DeliveryChannel.Fcm }.Concat(alsoWaitFor))
        {
            await silo.WaitForStatusAsync(id, channel, DeliveryStatus.Sent);
        }
    }

    private static void AssertNoneInClear(string directory, string[] secrets)
    {
        foreach (var file in Directory.GetFiles(directory))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is in clear in {Path.GetFileName(file)}.");
            }
        }
    }

    /// <summary>The key id each delivery row's target is sealed with, oldest row first.</summary>
    private static async Task<List<string>> TargetKeyIdsAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT target FROM deliveries ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            var target = reader.GetString(0);
            Assert.StartsWith("pii:1 ", target, StringComparison.Ordinal);
            ids.Add(target.Split(' ')[1]);
        }
        return ids;
    }

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
