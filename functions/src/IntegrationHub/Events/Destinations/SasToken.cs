namespace IntegrationHub.Events.Destinations;

/// <summary>
/// A Service Bus shared access signature as Microsoft documents it: HMAC-SHA256 with the rule's key over the URL-encoded
/// resource URI, a line feed and the expiry in unix seconds; sent as
/// <c>SharedAccessSignature sr={encoded uri}&amp;sig={encoded base64 signature}&amp;se={expiry}&amp;skn={rule}</c>.
/// </summary>
internal static class SasToken
{
    public static string Create(string resourceUri, string keyName, string key, long expiryUnixSeconds)
    {
        var encodedUri = WebUtility.UrlEncode(resourceUri);
        var expiry = expiryUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedUri + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedUri}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
