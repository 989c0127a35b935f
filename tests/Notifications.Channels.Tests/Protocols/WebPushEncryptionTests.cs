using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Notifications.Channels.WebPush;

namespace Notifications.Channels.Tests.Protocols;

public sealed class WebPushEncryptionTests
{
    // RFC 8291 Appendix A ("Intermediate Values for Encryption").
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string AsPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string AsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string UaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string UaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string SharedSecret = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
    private const string Cek = "oIhVW04MRdy2XN9CiKLxTg";
    private const string Nonce = "4h_95klXJ5E_qnoN";
    private const string Body =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml" +
        "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT" +
        "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] B(string value) => Base64Url.DecodeFromChars(value);

    private static ECDiffieHellman Key(string publicKey, string privateKey)
    {
        var parameters = VapidKey.PublicParameters(B(publicKey));
        parameters.D = B(privateKey);
        return ECDiffieHellman.Create(parameters);
    }

    [Fact]
    public void Rfc8291_example_encrypts_to_the_published_body()
    {
        using var server = Key(AsPublic, AsPrivate);

        var body = WebPushEncryptor.Encrypt(Encoding.UTF8.GetBytes(Plaintext), B(UaPublic), B(AuthSecret), server, B(Salt));

        Assert.Equal(Body, Base64Url.EncodeToString(body));
    }

    [Fact]
    public void Rfc8291_intermediate_values_match()
    {
        using var server = Key(AsPublic, AsPrivate);
        using var userAgent = Key(UaPublic, UaPrivate);
        var shared = server.DeriveRawSecretAgreement(userAgent.PublicKey);
        Assert.Equal(SharedSecret, Base64Url.EncodeToString(shared));

        var (cek, nonce) = WebPushEncryptor.DeriveKeys(shared, B(AuthSecret), B(UaPublic), B(AsPublic), B(Salt));

        Assert.Equal(Cek, Base64Url.EncodeToString(cek));
        Assert.Equal(Nonce, Base64Url.EncodeToString(nonce));
    }

    [Fact]
    public void Rfc8291_example_body_decrypts_with_the_user_agent_key()
    {
        using var userAgent = Key(UaPublic, UaPrivate);

        var plaintext = Fakes.WebPushDecryptor.Decrypt(B(Body), userAgent, B(AuthSecret));

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task Independent_http_ece_decrypts_what_we_send()
    {
        ExternalTools.RequireNodeModule("http_ece");
        using var userAgent = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = userAgent.ExportParameters(true);
        var publicKey = VapidKey.ExportPoint(parameters);
        var auth = RandomNumberGenerator.GetBytes(16);
        var message = "{\"title\":\"Grüße\",\"body\":\"" + new string('x', 3000) + "\"}";

        var body = WebPushEncryptor.Encrypt(Encoding.UTF8.GetBytes(message), publicKey, auth);
        var decrypted = await ExternalTools.RunNodeAsync(
            "decrypt.js",
            Base64Url.EncodeToString(body),
            Base64Url.EncodeToString(parameters.D),
            Base64Url.EncodeToString(publicKey),
            Base64Url.EncodeToString(auth));

        Assert.Equal(message, decrypted);
    }

    [Fact]
    public void Largest_plaintext_fills_exactly_one_4096_byte_record()
    {
        using var userAgent = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = VapidKey.ExportPoint(userAgent.ExportParameters(false));

        var body = WebPushEncryptor.Encrypt(new byte[WebPushEncryptor.MaxPlaintextBytes], publicKey, new byte[16]);

        Assert.Equal(3993, WebPushEncryptor.MaxPlaintextBytes);
        Assert.Equal(4096, body.Length);
        Assert.Throws<ArgumentException>(() => WebPushEncryptor.Encrypt(new byte[3994], publicKey, new byte[16]));
    }
}
