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

    /// <summary>The caller behind the request if <paramref name="allowed"/> lets it in, or the refusal to answer with: 401
    /// without a known token, 403 with <paramref name="forbidden"/> for anyone else.</summary>
    public static async Task<(Principal? Caller, IResult? Refusal)> AuthorizeAsync(HttpContext context, CredentialStore credentials,
        Func<Principal, bool> allowed, string forbidden)
    {
        var principal = await AuthenticateAsync(context, credentials);
        return principal is null ? (null, ApiErrors.Unauthorized(context))
            : allowed(principal) ? (principal, null)
            : (null, ApiErrors.Create(403, "forbidden", forbidden));
    }

    /// <summary>The administrator behind the request, or the refusal to answer with (see <see cref="AuthorizeAsync"/>).</summary>
    public static Task<(Principal? Caller, IResult? Refusal)> AdministratorAsync(HttpContext context, CredentialStore credentials,
        string forbidden) => AuthorizeAsync(context, credentials, principal => principal.IsAdmin, forbidden);
}
