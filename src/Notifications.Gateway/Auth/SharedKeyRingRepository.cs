using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Notifications.Application;

namespace Notifications.Gateway.Auth;

/// <summary>
/// The data-protection key ring in the silo's record store, so every silo of a cluster protects and unprotects with
/// the same keys: a console cookie issued by one silo is read by any other. The key manager calls this rarely (when
/// it loads or rolls the ring) and synchronously, so the store's async calls are waited for here.
/// </summary>
internal sealed class SharedKeyRingRepository(IDataProtectionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. keys.ListAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // The friendly name is the key's id ("key-<guid>"): unique, so two silos never overwrite each other's keys.
        keys.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
    }
}
