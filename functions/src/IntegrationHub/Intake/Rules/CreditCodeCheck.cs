namespace IntegrationHub.Intake.Rules;

/// <summary>The public face of the GB 32100 check, for modules that judge the credit codes intake stored.</summary>
public static class CreditCodeCheck
{
    /// <summary>Eighteen characters of the code's alphabet whose last is the check character of the first seventeen.</summary>
    public static bool HasValidCheckCharacter(string code) =>
        CreditCode.IsWellFormed(code) && CreditCode.CheckCharacter(code.AsSpan(0, 17)) == code[17];
}
