namespace IntegrationHub.Platform.Operators;

/// <summary>What an operator may do: an admin and a reviewer act (decide on identities, redrive), a viewer only looks.</summary>
/// <remarks>Who sees identity numbers in full is identity's to say (Identity.Lookup.PersonReader): admin and reviewer.</remarks>
public enum OperatorRole
{
    Viewer,
    Reviewer,
    Admin,
}

/// <summary>The roles as the database, the command line and the console spell them.</summary>
public static class OperatorRoles
{
    public static string Format(OperatorRole role) => role switch
    {
        OperatorRole.Admin => "admin",
        OperatorRole.Reviewer => "reviewer",
        OperatorRole.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out OperatorRole role)
    {
        switch (text)
        {
            case "admin": role = OperatorRole.Admin; return true;
            case "reviewer": role = OperatorRole.Reviewer; return true;
            case "viewer": role = OperatorRole.Viewer; return true;
            default: role = default; return false;
        }
    }

    /// <summary>Whether the role may change anything (decide, merge, redrive): every role but viewer.</summary>
    public static bool CanAct(OperatorRole role) => role != OperatorRole.Viewer;
}
