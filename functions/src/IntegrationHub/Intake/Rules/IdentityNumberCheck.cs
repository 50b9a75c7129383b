namespace IntegrationHub.Intake.Rules;

/// <summary>The outcome of checking one resident identity number (GB 11643-1999).</summary>
/// <param name="Value">The normalized number; an upgraded 18-digit number when a 15-digit one was sent.</param>
/// <param name="WellFormed">False when the length or characters are wrong: the record is rejected.</param>
/// <param name="Valid">Well-formed and the check character, birth date and region all pass.</param>
/// <param name="BirthDate">The embedded birth date when it is a real calendar date.</param>
/// <param name="Sex">From the parity of the 17th digit.</param>
/// <param name="CurrentRegion">Today's GB/T 2260 code for the issuing region prefix, when known.</param>
/// <param name="Findings">One <c>id-format</c> finding, or one <c>invalid-id</c> finding per failed rule.</param>
public sealed record IdentityNumberCheck(
    string Value,
    bool WellFormed,
    bool Valid,
    DateOnly? BirthDate,
    Sex? Sex,
    string? CurrentRegion,
    IReadOnlyList<RuleFinding> Findings);
