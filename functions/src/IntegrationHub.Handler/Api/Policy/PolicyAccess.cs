using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary>Authenticates a policy request and maps the flow's refusals to the API's statuses and error shape.</summary>
internal static class PolicyAccess
{
    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, bool adminOnly,
        Func<Principal, Task<IResult>> action) =>
        ApiGate.RunAsync<PolicyRequestException>(context, credentials, principal => !adminOnly || principal.IsAdmin,
            "Only an administrator may do this.", action,
            refusal => new ApiError(refusal.Kind == PolicyRefusal.NotFound ? 404 : 400, refusal.Code, refusal.Message, refusal.Errors));
}
