using IntegrationHub.Flows.Graduates.Verification;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/departments/edu/graduate-verification?cohort=</c> (edu's token or admin; X-Purpose): one line per roster
/// record, JSON or NDJSON (Accept: application/x-ndjson or format=ndjson).</summary>
public sealed class EduGraduateVerificationFunction(GraduateReadAccess access, EduVerificationReport report, GraduateListAnswer answer)
    : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        return access.RunAsync(context, "graduates.verification.read", GraduateReaders.EduOrAdmin,
            _ => GraduateReadRequest.Cohort(context, out cohort),
            _ => answer.AnswerAsync(context, report.ReadAsync(cohort, context.RequestAborted),
                items => new { cohort, count = items.Count, items }));
    }
}
