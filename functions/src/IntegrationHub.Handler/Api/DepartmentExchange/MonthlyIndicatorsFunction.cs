using IntegrationHub.Flows.Exchange.Indicators;
using IntegrationHub.Labor;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>GET /api/indicators/monthly?month=YYYY-MM&amp;region=&amp;by=hukou|registration</c> (hr, admin; <c>X-Purpose</c>
/// required and audited): the month's regional indicators per district, or <c>incomplete</c> with the feeds still missing.</summary>
public sealed class MonthlyIndicatorsFunction(CredentialStore credentials, AuditLog audit, NpgsqlDataSource dataSource, MonthlyIndicators indicators)
    : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => MonitoringApi.RunAsync(context, credentials, hrOnly: false, async principal =>
    {
        var purpose = RequestPurpose.Stated(context);
        if (RequestPurpose.Refusal(purpose) is { } refused)
        {
            return ApiErrors.From(refused);
        }

        var errors = new List<FieldError>();
        var monthText = context.Request.Query["month"].ToString();
        var month = Month.Parse(monthText);
        if (month is null)
        {
            errors.Add(monthText.Length == 0
                ? new FieldError("/query/month", "required", "month (YYYY-MM) is required.")
                : new FieldError("/query/month", "invalid-month", "month must be YYYY-MM (2026-10)."));
        }

        var region = context.Request.Query["region"].ToString();
        if (region.Length > 0 && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit)))
        {
            errors.Add(new FieldError("/query/region", "region", "region must be a GB/T 2260 code or its prefix: 2, 4 or 6 digits."));
        }

        var by = context.Request.Query["by"].ToString() is { Length: > 0 } given ? given : IndicatorDistricts.Hukou;
        if (!IndicatorDistricts.All.Contains(by))
        {
            errors.Add(new FieldError("/query/by", "enum", $"by must be one of {string.Join(", ", IndicatorDistricts.All)}."));
        }

        if (errors.Count > 0)
        {
            return ApiErrors.Create(400, "invalid-query", "The query parameters are not valid.", errors);
        }

        var detail = JsonSerializer.Serialize(new { month = month!.Value.ToString(), region = region.Length > 0 ? region : null, by });
        await audit.AppendAsync(dataSource, new AuditEntry(principal.Name, "indicators.monthly.read", purpose, null, detail), context.RequestAborted);
        return TypedResults.Json(await indicators.ComputeAsync(month.Value, region.Length > 0 ? region : null, by, context.RequestAborted));
    });
}
