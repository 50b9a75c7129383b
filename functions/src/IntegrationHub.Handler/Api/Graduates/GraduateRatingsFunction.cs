using IntegrationHub.Flows.Graduates.Indicators;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/graduates/ratings?cohort=</c> (admin, hr or edu; X-Purpose): red/yellow/green per school and school × major.</summary>
public sealed class GraduateRatingsFunction(GraduateReadAccess access, GraduateRatings ratings) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        return access.RunAsync(context, "graduates.ratings.read", GraduateReaders.AdminHrOrEdu, _ => GraduateReadRequest.Cohort(context, out cohort),
            async _ => TypedResults.Json(await ratings.ComputeAsync(cohort, context.RequestAborted)));
    }
}
