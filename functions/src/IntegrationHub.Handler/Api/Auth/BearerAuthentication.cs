using IntegrationHub.Platform.Credentials;

namespace IntegrationHub.Handler.Api.Auth;

public static class BearerAuthentication
{
    /// <summary>The principal behind the request's bearer token, or null when it is missing, malformed or unknown.</summary>
    public static async Task<Principal?> AuthenticateAsync(HttpContext context, CredentialStore credentials)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length <= scheme.Length)
        {
            return null;
        }

        return await credentials.AuthenticateAsync(header[scheme.Length..].Trim(), context.RequestAborted);
    }
}
