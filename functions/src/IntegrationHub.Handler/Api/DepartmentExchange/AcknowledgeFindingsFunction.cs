using IntegrationHub.Flows.Exchange.Findings;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>POST /api/departments/{department}/findings/ack</c> <c>{"findingIds": ["F000000001", …]}</c>: the department
/// acknowledges its findings; again changes nothing; another department's finding is 403, an unknown one 404.</summary>
public sealed class AcknowledgeFindingsFunction(CredentialStore credentials, FindingQueries queries) : IHttpFunction
{
    public const int MaxIds = 1000;

    public Task<IResult> InvokeAsync(HttpContext context) => DepartmentApi.RunAsync(context, credentials, async (principal, department) =>
    {
        var body = await JsonBody.ReadAsync(context);
        if (body is not JsonObject o || o["findingIds"] is not JsonArray array)
        {
            return ApiErrors.Create(400, "invalid-body", "The body must be {\"findingIds\": [\"F000000001\", …]}.",
                [new FieldError("/findingIds", "required", "findingIds must be an array of finding ids.")]);
        }

        if (array.Count is 0 or > MaxIds)
        {
            return ApiErrors.Create(400, "invalid-body", $"findingIds must hold 1 to {MaxIds} ids.",
                [new FieldError("/findingIds", "count", $"findingIds must hold 1 to {MaxIds} ids.")]);
        }

        var ids = new List<long>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !FindingId.TryParse(v.GetValue<string>(), out var id))
            {
                return ApiErrors.Create(400, "invalid-body", "A finding id is F and digits (F000000001).",
                    [new FieldError($"/findingIds/{i}", "invalid-finding-id", "A finding id is F and digits (F000000001).")]);
            }

            ids.Add(id);
        }

        var result = await queries.AcknowledgeAsync(department, ids, principal.Name, DepartmentApi.Purpose(context), context.RequestAborted);
        return result.Refusal switch
        {
            AcknowledgeRefusal.OtherDepartment => ApiErrors.Create(403, "forbidden", result.Message!,
                [new FieldError(result.Pointer!, "other-department", result.Message!)]),
            AcknowledgeRefusal.Unknown => ApiErrors.Create(404, "unknown-finding", result.Message!,
                [new FieldError(result.Pointer!, "unknown-finding", result.Message!)]),
            _ => TypedResults.Json(new { acknowledged = result.Acknowledged, alreadyAcknowledged = result.AlreadyAcknowledged }),
        };
    });
}
