namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>What the department exchange endpoints share: only the department named in the route, with its own token, may
/// call; the purpose of a read comes from <c>X-Purpose</c>.</summary>
internal static class DepartmentApi
{
    public const string DefaultPurpose = "comparison-feedback";

    public static async Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, Func<Principal, string, Task<IResult>> action)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        var department = context.Request.RouteValues["department"]?.ToString() ?? "";
        if (!principal.IsDepartment(department))
        {
            return ApiErrors.Create(403, "forbidden", "Only the department itself, with its own token, may read or acknowledge its findings.");
        }

        try
        {
            return await action(principal, department);
        }
        catch (JsonBodyException refusal)
        {
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
    }

    /// <summary>The purpose the caller states in <c>X-Purpose</c> (trimmed, at most 200 characters), else the default.</summary>
    public static string Purpose(HttpContext context) =>
        context.Request.Headers["X-Purpose"].ToString().Trim() is { Length: > 0 and <= 200 } stated
        && !stated.Any(char.IsControl) ? stated : DefaultPurpose;
}
