using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary>Runs an administrator's identity decision and maps its refusals to the API's error shape.</summary>
internal static class AdminOnly
{
    public static async Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, Func<Principal, Task<IResult>> action)
    {
        var (principal, denied) = await BearerAuthentication.AdministratorAsync(context, credentials, "Only an administrator may review identities.");
        if (principal is null)
        {
            return denied!;
        }

        try
        {
            return await action(principal);
        }
        catch (IdentityDecisionException refusal)
        {
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message);
        }
        catch (JsonBodyException refusal)
        {
            await RefusalAudit.AppendAsync(context, principal.Name, "identity.refused", "identity-reconciliation", null, refusal.Status,
                refusal.Code, [refusal.Error]);
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
    }
}
