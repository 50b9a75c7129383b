using IntegrationHub.Events.Lookup;
using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{personId}/events?after=&amp;limit=</c> (admin or hr, <c>X-Purpose</c>): the events emitted for
/// the person, in sequence.</summary>
public sealed class PersonEventsFunction(CredentialStore credentials, PersonEventReader events) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunAsync(context, credentials, PersonReads.AdminOrHr,
        "Only the administrator and human resources may read a person's events.", async (reader, purpose) =>
        {
            var person = PersonLookup.ParsePersonId(context.Request.RouteValues["personId"]?.ToString(), "/personId");
            var after = PersonReads.Number(context, "after", 0, 0, long.MaxValue);
            var limit = (int)PersonReads.Number(context, "limit", 100, 1, PersonEventReader.MaxLimit);
            return TypedResults.Json(await events.ReadAsync(person, after, limit, reader, purpose, context.RequestAborted));
        });
}
