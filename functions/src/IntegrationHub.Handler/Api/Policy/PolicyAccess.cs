using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary>Authenticates a policy request and maps the flow's refusals to the API's statuses and error shape.</summary>
internal static class PolicyAccess
{
    public static async Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, bool adminOnly,
        Func<Principal, Task<IResult>> action)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        if (adminOnly && !principal.IsAdmin)
        {
            return ApiErrors.Create(403, "forbidden", "Only an administrator may do this.");
        }

        try
        {
            return await action(principal);
        }
        catch (PolicyRequestException refusal)
        {
            return ApiErrors.Create(refusal.Kind == PolicyRefusal.NotFound ? 404 : 400, refusal.Code, refusal.Message, refusal.Errors);
        }
        catch (JsonBodyException refusal)
        {
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
    }
}
