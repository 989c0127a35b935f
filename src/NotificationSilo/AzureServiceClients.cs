using Azure.Core;
using Azure.Identity;

namespace NotificationSilo;

/// <summary>
/// An Azure Storage client from {section}:ConnectionString (shared key, or Azurite's development string), or from
/// {section}:ServiceUri with the host's Azure identity (managed identity, workload identity, az login). Creating a
/// client only parses; nothing connects before the silo starts.
/// </summary>
internal static class AzureServiceClients
{
    public static T? Read<T>(SettingReader settings, string section, string usedBy, Func<string, T> fromConnectionString, Func<Uri, TokenCredential, T> fromServiceUri)
        where T : class
    {
        var connectionStringKey = $"{section}:ConnectionString";
        var serviceUriKey = $"{section}:ServiceUri";
        var connectionString = settings.Text(connectionStringKey);
        var serviceUri = settings.Text(serviceUriKey);
        if (connectionString is not null && serviceUri is not null)
        {
            settings.Failures.Add($"{connectionStringKey} and {serviceUriKey} are both set; give one of them.");
            return null;
        }
        if (connectionString is not null)
        {
            try
            {
                return fromConnectionString(connectionString);
            }
            catch (Exception)
            {
                // Any exception, as the SDKs' parsers throw several kinds; and neither the value nor the parser's
                // message is shown: both may quote the account key.
                settings.Failures.Add($"{connectionStringKey} is not an Azure Storage connection string (the value is not shown, it may hold a key).");
                return null;
            }
        }
        if (serviceUri is not null)
        {
            if (!Uri.TryCreate(serviceUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                settings.Failures.Add($"{serviceUriKey} is not an https URI of the account's service (for example https://account.queue.core.windows.net).");
                return null;
            }
            if (uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                settings.Failures.Add($"{serviceUriKey} carries a query or user info (the value is not shown, it may be a SAS token); give the bare service URI, the silo signs in with its Azure identity.");
                return null;
            }
            return fromServiceUri(uri, new DefaultAzureCredential());
        }
        settings.Failures.Add($"{connectionStringKey} is empty; {usedBy} needs it (for example UseDevelopmentStorage=true or DefaultEndpointsProtocol=https;AccountName=...), or {serviceUriKey} to sign in with the silo's Azure identity.");
        return null;
    }
}
