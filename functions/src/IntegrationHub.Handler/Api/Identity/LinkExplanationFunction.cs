using IntegrationHub.Handler.Api.Persons;
using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>GET /api/admin/links/{department}/{feed}/{recordId}/{version}</c> (admin, <c>X-Purpose</c>): why that record
/// version is linked to its person, field by field with agreement levels and weights.</summary>
public sealed class LinkExplanationFunction(CredentialStore credentials, LinkQuery links) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunAsync(context, credentials, p => p.IsAdmin,
        "Only an administrator may read link explanations.", async (reader, purpose) =>
        {
            var route = context.Request.RouteValues;
            if (!int.TryParse(route["version"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                throw new LookupRefusedException(LookupRefusal.InvalidInput, "range", "version is a whole number from 1.",
                    [new FieldError("/version", "range", "version is a whole number from 1.")]);
            }

            var link = new RecordVersion(route["department"]?.ToString() ?? "", route["feed"]?.ToString() ?? "",
                route["recordId"]?.ToString() ?? "", version);
            return TypedResults.Json(await links.ExplainAsync(link, reader, purpose, context.RequestAborted));
        });
}
