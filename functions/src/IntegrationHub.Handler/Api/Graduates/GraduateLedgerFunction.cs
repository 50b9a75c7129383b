using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/graduates/ledger?cohort=&amp;region=&amp;school=&amp;status=</c> (admin or hr, X-Purpose): the ledger as JSON,
/// or as NDJSON (one entry a line) when the client accepts <c>application/x-ndjson</c> or asks <c>format=ndjson</c>. Phones are
/// whole for hr (the follow-up service calls them) and masked for the administrator.</summary>
public sealed class GraduateLedgerFunction(GraduateReadAccess access, GraduateLedger ledger, GraduateListAnswer answer) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        string? region = null, school = null;
        var status = GraduateStatuses.NotYetPlaced;
        return access.RunAsync(context, "graduates.ledger.read", GraduateReaders.AdminOrHr,
            _ => GraduateReadRequest.Cohort(context, out cohort)
                 ?? GraduateReadRequest.Digits(context, "region", 2, 6, out region)
                 ?? GraduateReadRequest.Digits(context, "school", 10, 10, out school)
                 ?? GraduateReadRequest.OneOf(context, "status", GraduateStatuses.All, GraduateStatuses.NotYetPlaced, out status),
            principal =>
            {
                var query = new LedgerQuery(cohort, region, school, status, PhoneEntitled: principal.IsDepartment("hr"));
                return answer.AnswerAsync(context, ledger.ReadAsync(query, context.RequestAborted),
                    items => new { cohort = query.Cohort, status = query.Status, count = items.Count, items });
            });
    }
}
