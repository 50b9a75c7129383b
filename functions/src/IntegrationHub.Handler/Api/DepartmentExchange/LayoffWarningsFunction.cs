using IntegrationHub.Flows.Exchange.Employers;
using IntegrationHub.Labor;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>GET /api/monitoring/layoff-warnings?month=YYYY-MM</c> (hr, admin): the layoff warnings raised, newest month first.</summary>
public sealed class LayoffWarningsFunction(CredentialStore credentials, LayoffWatch watch) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => MonitoringApi.RunAsync(context, credentials, hrOnly: false, async _ =>
    {
        var month = context.Request.Query["month"].ToString();
        if (month.Length > 0 && Month.Parse(month) is null)
        {
            return ApiErrors.Create(400, "invalid-query", "The query parameters are not valid.",
                [new FieldError("/query/month", "invalid-month", "month must be YYYY-MM (2026-10).")]);
        }

        var warnings = await watch.ListAsync(month.Length > 0 ? month : null, context.RequestAborted);
        return TypedResults.Json(new { count = warnings.Count, warnings });
    });
}
