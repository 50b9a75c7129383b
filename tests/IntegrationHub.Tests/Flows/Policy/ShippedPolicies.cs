namespace IntegrationHub.Tests.Flows.Policy;

/// <summary>The ids of the policies the hub ships (<c>contracts/policies</c>), named once for the tests that decide them.</summary>
public static class ShippedPolicies
{
    public const string DifficultyFlexibleInsurance = "difficulty-flexible-insurance-subsidy";
    public const string EmployerGraduateInsurance = "employer-graduate-insurance-subsidy";
    public const string EmployerJobExpansion = "employer-job-expansion-subsidy";
    public const string GraduateFlexibleInsurance = "graduate-flexible-insurance-subsidy";
    public const string JobSeeking = "job-seeking-subsidy";
    public const string ZeroEmploymentHousehold = "zero-employment-household-assistance";
}
