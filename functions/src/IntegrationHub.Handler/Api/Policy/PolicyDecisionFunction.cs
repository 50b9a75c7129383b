using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary><c>GET /api/policies/{policyId}/decisions/{subjectId}</c> (admin, <c>X-Purpose</c> required and audited): a
/// subject's decision with its explanation.</summary>
public sealed class PolicyDecisionFunction(CredentialStore credentials, PolicyDecisions decisions) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PolicyAccess.RunAsync(context, credentials, adminOnly: true, async principal =>
    {
        var purpose = context.Request.Headers["X-Purpose"].ToString().Trim();
        if (purpose.Length is 0 or > 200)
        {
            return ApiErrors.Create(400, "purpose-required", "Say why you read this decision: an X-Purpose header of 1 to 200 characters.",
                [new FieldError("/headers/X-Purpose", "purpose-required", "required, 1 to 200 characters")]);
        }

        var answer = await decisions.GetAsync(context.Request.RouteValues["policyId"]?.ToString() ?? "",
            context.Request.RouteValues["subjectId"]?.ToString() ?? "", principal.Name, purpose, context.RequestAborted);
        return TypedResults.Text(answer.ToJsonString(), "application/json");
    });
}
