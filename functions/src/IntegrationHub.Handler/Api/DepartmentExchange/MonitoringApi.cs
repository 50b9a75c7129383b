namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Who may use the employer monitoring endpoints: HR (失业动态监测 is its job) and, to read, an administrator.</summary>
internal static class MonitoringApi
{
    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, bool hrOnly, Func<Principal, Task<IResult>> action) =>
        ApiGate.RunAsync(context, credentials, principal => principal.IsDepartment("hr") || (!hrOnly && principal.IsAdmin), hrOnly
            ? "Only human resources and social security (hr) manages the monitored enterprises."
            : "Only hr or an administrator may read employer monitoring.", action);
}
