namespace IntegrationHub.Flows.Federation.Signing;

/// <summary>The hash a reply carries of the request it answers (X-Road's <c>requestHash</c>).</summary>
/// <remarks>SHA-256 over the request's signing input (its protected header and body), base64url: it binds the reply to
/// that one request, message id included, so a reply cannot be replayed as the answer to another request.</remarks>
internal static class RequestHash
{
    public static string Of(string encodedHeader, ReadOnlySpan<byte> body) =>
        Base64Url.EncodeToString(SHA256.HashData(DetachedJws.SigningInput(encodedHeader, body)));
}
