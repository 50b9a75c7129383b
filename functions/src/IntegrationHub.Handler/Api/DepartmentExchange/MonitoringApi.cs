namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Who may use the employer monitoring endpoints: HR (失业动态监测 is its job) and, to read, an administrator.</summary>
internal static class MonitoringApi
{
    public static async Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, bool hrOnly, Func<Principal, Task<IResult>> action)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        if (!principal.IsDepartment("hr") && (hrOnly || !principal.IsAdmin))
        {
            return ApiErrors.Create(403, "forbidden", hrOnly
                ? "Only human resources and social security (hr) manages the monitored enterprises."
                : "Only hr or an administrator may read employer monitoring.");
        }

        try
        {
            return await action(principal);
        }
        catch (JsonBodyException refusal)
        {
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
    }
}
