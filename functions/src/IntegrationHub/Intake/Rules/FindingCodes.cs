namespace IntegrationHub.Intake.Rules;

internal static class FindingCodes
{
    /// <summary>The identity number has the wrong length or characters: the record is rejected.</summary>
    public const string IdFormat = "id-format";

    /// <summary>The identity number is well-formed but fails a rule: the record is accepted with a warning.</summary>
    public const string InvalidId = "invalid-id";
}
