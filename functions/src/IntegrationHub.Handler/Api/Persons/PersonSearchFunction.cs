using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>POST /api/persons/search</c> <c>{"idNumber"}</c> or <c>{"name","birthDate"}</c> (admin or hr, <c>X-Purpose</c>):
/// the matching persons. The number travels in the body, never in a URL.</summary>
public sealed class PersonSearchFunction(CredentialStore credentials, PersonLookup persons) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunAsync(context, credentials, PersonReads.AdminOrHr,
        "Only the administrator and human resources may search persons.", async (reader, purpose) =>
        {
            var query = await JsonBody.ReadAsync<PersonQuery>(context)
                ?? throw new LookupRefusedException(LookupRefusal.InvalidInput, "required", "The body is a JSON object.",
                    [new FieldError("", "required", "The body is a JSON object.")]);
            return TypedResults.Json(new { persons = await persons.SearchAsync(query, reader, purpose, context.RequestAborted) });
        });
}
