using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class CreditCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly HashSet<string> NoExceptions = [];

    // Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4 times the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
    [Fact]
    public void CheckCharacter_HandComputedExample_IsThree() =>
        Assert.Equal('3', CreditCode.CheckCharacter("91350100M000100Y4"));

    [Fact]
    public void CheckCharacter_SumDivisibleBy31_IsZero() =>
        Assert.Equal('0', CreditCode.CheckCharacter("00000000000000000"));

    [Theory]
    [InlineData("91350100M000100YI")]
    [InlineData("91350100m000100Y4")]
    [InlineData("91350100M000100Y")]
    [InlineData("91350100M000100Y43")]
    public void CheckCharacter_WrongLengthOrCharacter_Throws(string text) =>
        Assert.Throws<ArgumentException>(() => CreditCode.CheckCharacter(text));

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("000000000000000000", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100Y34", false)]
    [InlineData("91350100m000100y43", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100M000100Y433", false)]
    [InlineData("", false)]
    public void IsValid_WithoutExceptions_ChecksShapeAndCheckCharacter(string code, bool expected) =>
        Assert.Equal(expected, CreditCode.IsValid(code, NoExceptions));

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y4I", false)]
    [InlineData("91350100M000100Y4O", false)]
    [InlineData("91350100M000100Y4S", false)]
    [InlineData("91350100M000100Y4V", false)]
    [InlineData("91350100M000100Y4Z", false)]
    [InlineData("91350100m000100Y43", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100M000100Y43 ", false)]
    public void IsWellFormed_Code_AcceptsEighteenCharactersOfTheAlphabet(string code, bool expected) =>
        Assert.Equal(expected, CreditCode.IsWellFormed(code));

    [Fact]
    public void IsValid_ListedPilotException_IsValidDespiteCheckCharacter()
    {
        HashSet<string> exceptions = ["91350100M000100Y44"];

        Assert.True(CreditCode.IsValid("91350100M000100Y44", exceptions));
        Assert.False(CreditCode.IsValid("91350100M000100Y45", exceptions));
    }

    [Theory]
    [InlineData(" 91350100m000100y43 ")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３")]
    [InlineData("９１３５０１００ｍ０００１００ｙ４３")]
    public void Normalize_PaddedFullWidthOrLowerCase_IsCanonical(string raw) =>
        Assert.Equal("91350100M000100Y43", CreditCode.Normalize(raw));

    [Fact]
    public void IsValid_GeneratedCode_IsValidAndEverySubstitutionIsNot()
    {
        var cases =
            from chars in Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), 17)
            from position in Gen.Choose(0, 17)
            from shift in Gen.Choose(1, Alphabet.Length - 1)
            select (first17: new string(chars), position, shift);

        var property = Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var code = t.first17 + CreditCode.CheckCharacter(t.first17);
            var replaced = Alphabet[(Alphabet.IndexOf(code[t.position], StringComparison.Ordinal) + t.shift) % Alphabet.Length];
            var mutated = string.Concat(code.AsSpan(0, t.position), replaced.ToString(), code.AsSpan(t.position + 1));
            return CreditCode.IsValid(code, NoExceptions) && !CreditCode.IsValid(mutated, NoExceptions);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
