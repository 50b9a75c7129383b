using IntegrationHub.Handler.Api.Auth;
using IntegrationHub.Handler.Functions;
using IntegrationHub.Identity;
using IntegrationHub.Platform.Audit;
using IntegrationHub.Platform.Credentials;
using Npgsql;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>GET /api/admin/links</c> (admin token): every source record's current person, as NDJSON.</summary>
public sealed class ExportLinksFunction(CredentialStore credentials, LinkExport export, AuditLog audit, NpgsqlDataSource dataSource)
    : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        if (!principal.IsAdmin)
        {
            return ApiErrors.Create(403, "forbidden", "Only an administrator may export links.");
        }

        await audit.AppendAsync(dataSource, new AuditEntry(principal.Name, "links.export", "identity-audit", null), context.RequestAborted);
        return TypedResults.Stream(stream => export.WriteAsync(stream, context.RequestAborted), "application/x-ndjson");
    }
}
