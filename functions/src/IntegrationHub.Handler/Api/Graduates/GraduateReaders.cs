namespace IntegrationHub.Handler.Api.Graduates;

/// <summary>Who may read a graduate route, and the words a refusal names them by.</summary>
public sealed record GraduateReaders(Func<Principal, bool> Allowed, string Who)
{
    /// <summary>The ledger: it holds names and phones for the district offices' follow-up.</summary>
    public static readonly GraduateReaders AdminOrHr = new(p => p.IsAdmin || p.IsDepartment("hr"), "an administrator or hr");

    /// <summary>The indicators and ratings: counts and rates, for the offices and the schools.</summary>
    public static readonly GraduateReaders AdminHrOrEdu =
        new(p => p.IsAdmin || p.IsDepartment("hr") || p.IsDepartment("edu"), "an administrator, hr or edu");

    /// <summary>Education's verification report.</summary>
    public static readonly GraduateReaders EduOrAdmin = new(p => p.IsAdmin || p.IsDepartment("edu"), "edu or an administrator");
}
