namespace IntegrationHub.Identity.Lookup;

/// <summary>Who reads persons' data, by the name the audit log records, and whether they may see identity numbers in full.</summary>
/// <remarks>
/// Entitled to the full number: the hub's administrator (admin token) and the console's <c>admin</c> and <c>reviewer</c>
/// operators, who decide whether records are one human and compare numbers to do it. Not entitled, and shown the number
/// masked (<c>5001**********1234</c>): departments (hr searching and reading persons; a department's cross-reference never
/// carries a number at all) and the console's <c>viewer</c> operators. Least privilege: a reader who can act without the
/// number does not get it, and hr, searching by a number, already holds the one it searched with.
/// </remarks>
public sealed record PersonReader(string Name, bool SeesIdNumbers)
{
    /// <summary>The console's operator roles entitled to identity numbers.</summary>
    public static IReadOnlyList<string> EntitledOperatorRoles { get; } = ["admin", "reviewer"];

    /// <summary>The administrator's token: entitled.</summary>
    public static PersonReader Administrator(string name) => new(name, SeesIdNumbers: true);

    /// <summary>A department's token (its name is its code): never entitled.</summary>
    public static PersonReader Department(string department) => new(department, SeesIdNumbers: false);

    /// <summary>A console operator, audited under <paramref name="name"/>: entitled for the roles <see cref="EntitledOperatorRoles"/>.</summary>
    public static PersonReader Operator(string name, string role) => new(name, EntitledOperatorRoles.Contains(role));
}
