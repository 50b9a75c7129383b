using IntegrationHub.Flows.Exchange.Employers;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>PUT /api/monitoring/enterprises</c> <c>{"enterprises": [{"creditCode": "…", "level": "national"}, …]}</c> (hr):
/// replaces the list of monitored enterprises.</summary>
public sealed class MonitoredEnterprisesFunction(CredentialStore credentials, MonitoredEnterprises monitored) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => MonitoringApi.RunAsync(context, credentials, hrOnly: true, async principal =>
    {
        if (await JsonBody.ReadAsync(context) is not JsonObject { } body || body["enterprises"] is not JsonArray array)
        {
            return ApiErrors.Create(400, "invalid-body", "The body must be {\"enterprises\": [{\"creditCode\": …, \"level\": …}]}.",
                [new FieldError("/enterprises", "required", "enterprises must be an array.")]);
        }

        static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var entries = array.Select(e => (Text(e?["creditCode"]), Text(e?["level"]))).ToList();
        var errors = MonitoredEnterprises.Check(entries);
        if (errors.Count > 0)
        {
            return ApiErrors.Create(400, "invalid-body", "The list of enterprises is not valid; nothing was changed.", errors);
        }

        await monitored.ReplaceAsync([.. entries.Select(e => (e.Item1!, e.Item2!))], principal.Name, context.RequestAborted);
        return TypedResults.Json(new { count = entries.Count });
    });
}
