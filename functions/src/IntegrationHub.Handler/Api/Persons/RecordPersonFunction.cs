using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>GET /api/departments/{department}/records/{recordId}/person?feed=</c> with that department's own token
/// (<c>X-Purpose</c>): the person id and, per other department, only whether it holds a linked record.</summary>
public sealed class RecordPersonFunction(CredentialStore credentials, PersonLookup persons) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var department = context.Request.RouteValues["department"]?.ToString() ?? "";
        return PersonReads.RunAsync(context, credentials, principal => principal.IsDepartment(department),
            "Only the department itself may cross-reference its records.", async (reader, purpose) =>
            {
                var recordId = context.Request.RouteValues["recordId"]?.ToString() ?? "";
                var feed = context.Request.Query["feed"].ToString() is { Length: > 0 } named ? named : null;
                return TypedResults.Json(await persons.CrossReferenceAsync(department, recordId, feed, reader, purpose,
                    context.RequestAborted));
            });
    }
}
