using Notifications.Tracking;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Notifications.Grains.Delivery.Tracking;

/// <summary>
/// Signs open-pixel and click links with HMAC-SHA256 so nobody can record opens for other deliveries or turn the
/// redirect into an open redirect: a click link is valid only for the destination it was signed with.
/// </summary>
internal sealed class TrackingLinks
{
    private readonly byte[]? _key;
    private readonly Uri? _base;

    public TrackingLinks(IOptions<TrackingOptions> options)
    {
        var value = options.Value;
        _base = value.BaseUri;
        _key = value.Secret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;
        TracksOpens = _base is not null && _key is not null && value.EmailOpens;
        TracksClicks = _base is not null && _key is not null && value.EmailClicks;
    }

    public bool TracksOpens { get; }

    public bool TracksClicks { get; }

    public Uri? BaseUri => _base;

    public string OpenUrl(long deliveryId) =>
        $"{Base}{TrackingRoutes.Open}/{Id(deliveryId)}?{TrackingRoutes.SignatureParameter}={Sign(OpenMessage(deliveryId))}";

    public string ClickUrl(long deliveryId, string destination) =>
        $"{Base}{TrackingRoutes.Click}/{Id(deliveryId)}?{TrackingRoutes.UrlParameter}={Uri.EscapeDataString(destination)}&{TrackingRoutes.SignatureParameter}={Sign(ClickMessage(deliveryId, destination))}";

    public bool VerifyOpen(long deliveryId, string? signature) => Verify(OpenMessage(deliveryId), signature);

    public bool VerifyClick(long deliveryId, string? destination, string? signature) =>
        destination is not null && Verify(ClickMessage(deliveryId, destination), signature);

    private Uri Base => _base ?? throw new InvalidOperationException($"{TrackingOptions.Section}:PublicBaseUrl is not set.");

    private static string Id(long deliveryId) => deliveryId.ToString(CultureInfo.InvariantCulture);

    // Distinct prefixes: an open signature can never pass as a click signature or the other way round.
    private static string OpenMessage(long deliveryId) => "open\n" + Id(deliveryId);

    private static string ClickMessage(long deliveryId, string destination) => "click\n" + Id(deliveryId) + "\n" + destination;

    private string Sign(string message) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key ?? throw new InvalidOperationException($"{TrackingOptions.Section}:Secret is not set."), Encoding.UTF8.GetBytes(message)));

    private bool Verify(string message, string? signature)
    {
        if (_key is null || string.IsNullOrEmpty(signature) || signature.Length > 64 || !Base64Url.IsValid(signature))
        {
            return false;
        }
        var given = Base64Url.DecodeFromChars(signature);
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));
    }
}
