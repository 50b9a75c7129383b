using IntegrationHub.Handler.Api.Persons;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>GET /api/admin/links</c> (admin token): with a query (<c>personId</c>, <c>rule</c>, <c>minScore</c>,
/// <c>maxScore</c>, <c>after</c>, <c>limit</c>) or <c>Accept: application/json</c>, a JSON page of links (<c>X-Purpose</c>
/// required); without, as before, every source record's current person as NDJSON.</summary>
public sealed class ExportLinksFunction(CredentialStore credentials, LinkExport export, LinkQuery links, AuditLog audit,
    NpgsqlDataSource dataSource) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        if (context.Request.Query.Count > 0 || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return await QueryAsync(context);
        }

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

    private Task<IResult> QueryAsync(HttpContext context) => PersonReads.RunAsync(context, credentials, p => p.IsAdmin,
        "Only an administrator may query links.", async (reader, purpose) =>
        {
            var query = context.Request.Query;
            var person = query["personId"].ToString() is { Length: > 0 } text ? PersonLookup.ParsePersonId(text, "/personId") : (long?)null;
            var filter = new LinkFilter(person, query["rule"].ToString() is { Length: > 0 } rule ? rule : null,
                PersonReads.Score(context, "minScore"), PersonReads.Score(context, "maxScore"));
            var limit = (int)PersonReads.Number(context, "limit", 100, 1, LinkQuery.MaxLimit);
            var after = query["after"].ToString() is { Length: > 0 } cursor ? cursor : null;
            return TypedResults.Json(await links.QueryAsync(filter, after, limit, reader, purpose, context.RequestAborted));
        });
}
