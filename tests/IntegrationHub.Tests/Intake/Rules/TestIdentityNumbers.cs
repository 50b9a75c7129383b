using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

internal static class TestIdentityNumbers
{
    /// <summary>An 18-character number whose check character comes from the code under test.</summary>
    public static string Build(string region, string birthDate, string sequence)
    {
        var first17 = region + birthDate + sequence;
        return first17 + IdentityNumber.CheckCharacter(first17);
    }
}
