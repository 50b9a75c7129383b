using IntegrationHub.Flows.Exchange.Employers;
using IntegrationHub.Intake.Published;
using IntegrationHub.Labor;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>GET /api/employers/{creditCode}/months?from=YYYY-MM&amp;to=YYYY-MM</c> (hr, admin): the employer's name and
/// its headcount, new hires, separations, flexible and platform workers per month (at most 60 months).</summary>
public sealed class EmployerMonthsFunction(CredentialStore credentials, EmployerViews views, HubCalendar calendar) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => MonitoringApi.RunAsync(context, credentials, hrOnly: false, async _ =>
    {
        var code = context.Request.RouteValues["creditCode"]?.ToString();
        var errors = new List<FieldError>();
        if (!CreditCodes.IsValid(code))
        {
            errors.Add(new FieldError("/path/creditCode", "credit-code", "Not a valid unified social credit code."));
        }

        var thisMonth = Month.Of(calendar.Today);
        var from = Read(context, "from", thisMonth.Plus(-11), errors);
        var to = Read(context, "to", thisMonth, errors);
        if (errors.Count == 0 && (to < from || to - from >= 60))
        {
            errors.Add(new FieldError("/query/to", "range", "to must be from from on, at most 60 months later."));
        }

        if (errors.Count > 0)
        {
            return ApiErrors.Create(400, "invalid-query", "The request is not valid.", errors);
        }

        return TypedResults.Json(await views.ForAsync(code!, from, to, context.RequestAborted));
    });

    private static Month Read(HttpContext context, string name, Month fallback, List<FieldError> errors)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (Month.Parse(text) is { } month)
        {
            return month;
        }

        errors.Add(new FieldError($"/query/{name}", "invalid-month", $"{name} must be YYYY-MM (2026-10)."));
        return fallback;
    }
}
