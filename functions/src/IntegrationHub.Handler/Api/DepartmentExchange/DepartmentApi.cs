namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>What the department exchange endpoints share: only the department named in the route, with its own token, may
/// call; the purpose of a read comes from <c>X-Purpose</c>.</summary>
internal static class DepartmentApi
{
    public const string DefaultPurpose = "comparison-feedback";

    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, Func<Principal, string, Task<IResult>> action)
    {
        var department = context.Request.RouteValues["department"]?.ToString() ?? "";
        return ApiGate.RunAsync(context, credentials, principal => principal.IsDepartment(department),
            "Only the department itself, with its own token, may read or acknowledge its findings.", principal => action(principal, department));
    }

    /// <summary>The purpose the caller states in <c>X-Purpose</c> when it is one to record, else the default.</summary>
    public static string Purpose(HttpContext context) =>
        RequestPurpose.Stated(context) is var stated && RequestPurpose.Refusal(stated) is null ? stated : DefaultPurpose;
}
