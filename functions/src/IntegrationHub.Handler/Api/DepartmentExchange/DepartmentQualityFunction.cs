using IntegrationHub.Flows.Exchange.Quality;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>GET /api/departments/{department}/quality?month=YYYY-MM</c>: the department's own data quality summary of a
/// month (default: this month so far).</summary>
public sealed class DepartmentQualityFunction(CredentialStore credentials, QualityReports reports) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => DepartmentApi.RunAsync(context, credentials, async (_, department) =>
    {
        var text = context.Request.Query["month"].ToString();
        var month = text.Length == 0 ? reports.ThisMonth : QualityReports.ParseMonth(text);
        if (month is null)
        {
            return ApiErrors.Create(400, "invalid-query", "The query parameters are not valid.",
                [new FieldError("/query/month", "invalid-month", "month must be YYYY-MM (2026-10).")]);
        }

        return TypedResults.Json(await reports.ForMonthAsync(department, month.Value, context.RequestAborted));
    });
}
