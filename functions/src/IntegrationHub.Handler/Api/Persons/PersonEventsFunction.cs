using IntegrationHub.Events.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{personId}/events?after=&amp;limit=</c> (admin or hr, <c>X-Purpose</c>): the events emitted for
/// the person, in sequence.</summary>
public sealed class PersonEventsFunction(CredentialStore credentials, PersonEventReader events) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PersonReads.RunForPersonAsync(context, credentials,
        "Only the administrator and human resources may read a person's events.", async (person, reader, purpose) =>
        {
            var after = PersonReads.Number(context, "after", 0, 0, long.MaxValue);
            var limit = (int)PersonReads.Number(context, "limit", 100, 1, PersonEventReader.MaxLimit);
            return TypedResults.Json(await events.ReadAsync(person, after, limit, reader, purpose, context.RequestAborted));
        });
}
