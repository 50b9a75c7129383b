namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>Whose fact a name is: the person decided on, the employer decided on, or an employee inside
/// <c>employees</c> (the person facts and those of their spell with the employer).</summary>
public enum FactScope
{
    Person,
    Employer,
    Employee,
}
