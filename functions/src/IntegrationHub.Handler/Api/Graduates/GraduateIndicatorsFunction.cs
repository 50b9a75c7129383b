using IntegrationHub.Flows.Graduates.Indicators;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/graduates/indicators?cohort=&amp;by=district|school|major</c> (admin, hr or edu; X-Purpose).</summary>
public sealed class GraduateIndicatorsFunction(GraduateReadAccess access, GraduateIndicators indicators) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        var by = IndicatorGrouping.District;
        return access.RunAsync(context, "graduates.indicators.read", GraduateReaders.AdminHrOrEdu,
            _ => GraduateReadRequest.Cohort(context, out cohort)
                 ?? GraduateReadRequest.OneOf(context, "by", IndicatorGrouping.All, IndicatorGrouping.District, out by),
            async _ => TypedResults.Json(await indicators.ComputeAsync(cohort, by, context.RequestAborted)));
    }
}
