using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Intake.Published;

/// <summary>The unified social credit code rule (GB 32100-2015) intake applies, for other modules' inputs.</summary>
public static class CreditCodes
{
    /// <summary>Whether <paramref name="code"/> is 18 characters of the code's alphabet ending in the right check character.</summary>
    public static bool IsValid(string? code) =>
        code is not null && CreditCode.IsWellFormed(code) && CreditCode.CheckCharacter(code.AsSpan(0, 17)) == code[17];
}
