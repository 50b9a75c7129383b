using IntegrationHub.Identity.Lookup;
using IntegrationHub.Labor.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{personId}</c> (admin or hr, <c>X-Purpose</c>): the golden record with its lineage, the labor
/// facts, the linked records, the merges and splits and the review items; the identity number masked for hr.</summary>
public sealed class PersonReadFunction(CredentialStore credentials, PersonDossierReader dossiers) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunAsync(context, credentials, PersonReads.AdminOrHr,
        "Only the administrator and human resources may read persons.", async (reader, purpose) =>
        {
            var person = PersonLookup.ParsePersonId(context.Request.RouteValues["personId"]?.ToString(), "/personId");
            return TypedResults.Json(await dossiers.GetAsync(person, reader, purpose, context.RequestAborted));
        });
}
