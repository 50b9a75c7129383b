namespace IntegrationHub.Platform.Credentials;

/// <summary>Who is calling: a department (its name is the department code), an administrator or a subscriber.</summary>
public sealed record Principal(string Name, PrincipalKind Kind)
{
    public bool IsAdmin => Kind == PrincipalKind.Admin;

    public bool IsDepartment(string department) => Kind == PrincipalKind.Department && Name == department;
}
