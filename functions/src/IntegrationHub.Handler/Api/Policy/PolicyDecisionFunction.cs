using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary><c>GET /api/policies/{policyId}/decisions/{subjectId}</c> (admin, <c>X-Purpose</c> required and audited): a
/// subject's decision with its explanation.</summary>
public sealed class PolicyDecisionFunction(CredentialStore credentials, PolicyDecisions decisions) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PolicyAccess.RunAsync(context, credentials, adminOnly: true, async principal =>
    {
        var purpose = RequestPurpose.Stated(context);
        if (RequestPurpose.Refusal(purpose) is { } refused)
        {
            return ApiErrors.From(refused);
        }

        var answer = await decisions.GetAsync(context.Request.RouteValues["policyId"]?.ToString() ?? "",
            context.Request.RouteValues["subjectId"]?.ToString() ?? "", principal.Name, purpose, context.RequestAborted);
        return TypedResults.Text(answer.ToJsonString(), "application/json");
    });
}
