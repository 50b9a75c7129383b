using IntegrationHub.Identity;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>GET /api/admin/identity</c> (admin token): how far linking has got. Counts only, no personal data.</summary>
public sealed class IdentityStatusFunction(CredentialStore credentials, NpgsqlDataSource dataSource) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        return principal.IsAdmin
            ? TypedResults.Json(await IdentityStatus.ReadAsync(dataSource, context.RequestAborted))
            : ApiErrors.Create(403, "forbidden", "Only an administrator may read the identity status.");
    }
}
