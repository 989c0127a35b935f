using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Notifications.Grains.Privacy;
using Notifications.Testing;

namespace Notifications.Storage.Tests.Privacy;

/// <summary>Sealing personal data: what a store writes must open again, under rotation, and nothing else may.</summary>
public sealed class PiiProtectorTests
{
    private static readonly string KeyA = Key();
    private static readonly string KeyB = Key();
    private static readonly string Index = Key();

    [Fact]
    public void A_sealed_value_names_its_key_hides_the_value_and_opens_again()
    {
        var pii = Protector("a", ("a", KeyA));
        var sealedValue = pii.Protect("ada@example.com");
        Assert.StartsWith("pii:1 a ", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("ada", sealedValue, StringComparison.Ordinal);
        Assert.NotEqual(sealedValue, pii.Protect("ada@example.com"));
        Assert.Equal("ada@example.com", pii.Unprotect(sealedValue));
        Assert.Equal(sealedValue, pii.Protect(sealedValue));
    }

    [Fact]
    public async Task Values_sealed_and_opened_on_many_threads_at_once_each_open_to_their_own_text()
    {
        // Ciphers are kept per key and thread and reused; one shared between threads would garble or refuse values.
        var pii = Protector("b", ("a", KeyA), ("b", KeyB));
        var fromBefore = Protector("a", ("a", KeyA)).Protect("old@example.com");
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var text = $"user-{worker}-{i}@example.com";
                Assert.Equal(text, pii.Unprotect(pii.Protect(text)));
                Assert.Equal(text, Encoding.UTF8.GetString(pii.Unprotect(pii.Protect(Encoding.UTF8.GetBytes(text))).Span));
                Assert.Equal("old@example.com", pii.Unprotect(fromBefore));
            }
        }));

        await Task.WhenAll(workers);
    }

    [Fact]
    public void After_a_rotation_old_values_still_open_and_new_ones_use_the_new_key()
    {
        var before = Protector("a", ("a", KeyA)).Protect("+15550001111");
        var rotated = Protector("b", ("a", KeyA), ("b", KeyB));
        Assert.Equal("+15550001111", rotated.Unprotect(before));
        Assert.StartsWith("pii:1 b ", rotated.Protect("+15550001111"), StringComparison.Ordinal);
        var blob = rotated.Protect("{\"email\":\"ada@example.com\"}"u8);
        Assert.Equal("{\"email\":\"ada@example.com\"}", Encoding.UTF8.GetString(Protector("a", ("b", KeyB), ("a", KeyA)).Unprotect(blob).Span));
    }

    [Fact]
    public void A_value_sealed_with_a_key_that_is_gone_tampered_with_or_relabelled_does_not_open()
    {
        var pii = Protector("a", ("a", KeyA), ("b", KeyB));
        var sealedValue = pii.Protect("token-123");
        var gone = Assert.Throws<CryptographicException>(() => Protector("b", ("b", KeyB)).Unprotect(sealedValue));
        Assert.Contains("'a'", gone.Message, StringComparison.Ordinal);

        var bytes = Convert.FromBase64String(sealedValue.Split(' ')[2]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => pii.Unprotect($"pii:1 a {Convert.ToBase64String(bytes)}"));
        // The key id is authenticated: the same bytes under another key's name fail even where that key exists.
        Assert.ThrowsAny<CryptographicException>(() => pii.Unprotect(sealedValue.Replace("pii:1 a ", "pii:1 b ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Values_written_before_encryption_was_on_open_as_they_are()
    {
        var pii = Protector("a", ("a", KeyA));
        Assert.Equal("ada@example.com", pii.Unprotect("ada@example.com"));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(pii.Unprotect("{\"a\":1}"u8.ToArray()).Span));
    }

    [Fact]
    public void Pseudonyms_are_stable_per_purpose_and_do_not_contain_the_value()
    {
        var pii = Protector("a", ("a", KeyA));
        var again = Protector("b", ("b", KeyB));
        Assert.Equal(pii.Pseudonym("whatsapp", "+15550001111"), again.Pseudonym("whatsapp", "+15550001111"));
        Assert.NotEqual(pii.Pseudonym("whatsapp", "+15550001111"), pii.Pseudonym("sms", "+15550001111"));
        Assert.DoesNotContain("5550001111", pii.Pseudonym("whatsapp", "+15550001111"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "c", "Security:Pii:CurrentKey is 'c', which is not one of Security:Pii:Keys (a).")]
    [InlineData("a b", "a b", "Security:Pii:Keys:a b has an invalid id 'a b'")]
    public void The_validator_names_the_setting_at_fault(string id, string current, string message)
    {
        var options = new PiiOptions { CurrentKey = current, Keys = { [id] = KeyA }, IndexKey = Index };
        var result = new PiiOptionsValidator().Validate(null, options);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_refuses_short_keys_without_echoing_them_and_needs_keys_or_a_key_file()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        var result = new PiiOptionsValidator().Validate(null, new PiiOptions { CurrentKey = "a", Keys = { ["a"] = shortKey }, IndexKey = "not base64!" });
        Assert.Contains("Security:Pii:Keys:a must be 32 bytes in base64 (was 16 bytes).", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Security:Pii:IndexKey must be 32 bytes in base64 (was missing or not base64).", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new PiiOptionsValidator().Validate(null, new PiiOptions()).Failed);
    }

    [Fact]
    public void Without_configured_keys_a_key_ring_is_generated_once_into_the_key_file_readable_only_by_its_owner()
    {
        using var directory = new TempDirectory("pii-keys");
        var options = Options.Create(new PiiOptions { KeyFile = directory.File("keys/pii-keys.json") });
        var first = new PiiProtector(new PiiKeyRing(options, TimeProvider.System));
        var second = new PiiProtector(new PiiKeyRing(options, TimeProvider.System));
        Assert.Equal("ada@example.com", second.Unprotect(first.Protect("ada@example.com")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.File("keys/pii-keys.json")));
        }
    }

    [Fact]
    public void Silos_starting_side_by_side_on_a_fresh_data_directory_all_read_the_one_whole_ring_that_was_written()
    {
        // Tried: sixteen silos' key rings created at once on a path with no key file yet (a TestCluster's silos do this).
        // Must hold: none reads a half-written file, all hold the same keys, and no staging file is left behind.
        using var directory = new TempDirectory("pii-keys-race");
        var options = Options.Create(new PiiOptions { KeyFile = directory.File("pii-keys.json") });
        using var start = new Barrier(16);
        var rings = new PiiKeyRing[16];
        Parallel.For(0, rings.Length, new ParallelOptions { MaxDegreeOfParallelism = rings.Length }, i =>
        {
            start.SignalAndWait();
            rings[i] = new PiiKeyRing(options, TimeProvider.System);
        });
        Assert.All(rings, ring => Assert.Equal(rings[0].IndexKey, ring.IndexKey));
        Assert.All(rings, ring => Assert.Equal(rings[0].Keys[rings[0].CurrentKeyId], ring.Keys[ring.CurrentKeyId]));
        Assert.Equal(["pii-keys.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    private static PiiProtector Protector(string current, params (string Id, string Key)[] keys)
    {
        var options = new PiiOptions { CurrentKey = current, IndexKey = Index };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }
        return new PiiProtector(new PiiKeyRing(Options.Create(options), TimeProvider.System));
    }

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
