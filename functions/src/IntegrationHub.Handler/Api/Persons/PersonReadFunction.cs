using IntegrationHub.Labor.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{personId}</c> (admin or hr, <c>X-Purpose</c>): the golden record with its lineage, the labor
/// facts, the linked records, the merges and splits and the review items; the identity number masked for hr.</summary>
public sealed class PersonReadFunction(CredentialStore credentials, PersonDossierReader dossiers) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunForPersonAsync(context, credentials,
        "Only the administrator and human resources may read persons.",
        async (person, reader, purpose) => TypedResults.Json(await dossiers.GetAsync(person, reader, purpose, context.RequestAborted)));
}
