using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class IdentityNumberTests(AreaCodesFixture fixture) : IClassFixture<AreaCodesFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private readonly AreaCodes areas = fixture.Areas;

    // GB 11643-1999 example. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 times 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2:
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; (12 - 2) mod 11 = 10, written X.
    [Fact]
    public void CheckCharacter_PublishedExampleBeijing_IsX() =>
        Assert.Equal('X', IdentityNumber.CheckCharacter("11010519491231002"));

    // GB 11643-1999 example. Products 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8; 12 - 8 = 4.
    [Fact]
    public void CheckCharacter_PublishedExampleShantou_IsFour() =>
        Assert.Equal('4', IdentityNumber.CheckCharacter("44052418800101001"));

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100X")]
    public void CheckCharacter_NotSeventeenDigits_Throws(string text) =>
        Assert.Throws<ArgumentException>(() => IdentityNumber.CheckCharacter(text));

    [Fact]
    public void Check_PublishedExampleBeijing_IsValidWithDateSexAndRegion()
    {
        var check = IdentityNumber.Check("11010519491231002X", areas, Today);

        Assert.True(check.WellFormed);
        Assert.True(check.Valid);
        Assert.Empty(check.Findings);
        Assert.Equal("11010519491231002X", check.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), check.BirthDate);
        Assert.Equal(Sex.Female, check.Sex);
        Assert.Equal("110105", check.CurrentRegion);
    }

    [Fact]
    public void Check_PublishedExampleShantouSplitRegion_IsValidWithoutSingleCurrentRegion()
    {
        // 440524 Chaoyang county became 440582 in 1993, which was split between 440513 and 440514 in 2003.
        var check = IdentityNumber.Check("440524188001010014", areas, Today);

        Assert.True(check.Valid);
        Assert.Equal(new DateOnly(1880, 1, 1), check.BirthDate);
        Assert.Equal(Sex.Male, check.Sex);
        Assert.Null(check.CurrentRegion);
    }

    [Theory]
    [InlineData("110105", "19900101", "001", "110105")]
    [InlineData("510107", "20000229", "123", "510107")]
    [InlineData("440305", "20261121", "456", "440305")]
    [InlineData("650102", "19561031", "789", "650102")]
    public void Check_ConstructedNumber_IsValid(string region, string birthDate, string sequence, string currentRegion)
    {
        var number = TestIdentityNumbers.Build(region, birthDate, sequence);

        var check = IdentityNumber.Check(number, areas, Today);

        Assert.True(check.Valid, string.Join("; ", check.Findings));
        Assert.Equal(currentRegion, check.CurrentRegion);
    }

    [Theory]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ")]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\t")]
    [InlineData("\u300011010519491231002X\u3000")]
    public void Check_FullWidthLowerCaseOrPadded_IsNormalizedAndValid(string raw)
    {
        var check = IdentityNumber.Check(raw, areas, Today);

        Assert.True(check.Valid);
        Assert.Equal("11010519491231002X", check.Value);
    }

    [Fact]
    public void Normalize_LowerCaseX_IsUpperCase() =>
        Assert.Equal("11010519491231002X", IdentityNumber.Normalize("11010519491231002x"));

    [Fact]
    public void UpgradeFrom15_PublishedExample_InsertsCenturyAndCheckCharacter() =>
        Assert.Equal("11010519491231002X", IdentityNumber.UpgradeFrom15("110105491231002"));

    [Fact]
    public void Check_FifteenDigitNumber_IsUpgradedAndValid()
    {
        var check = IdentityNumber.Check("110105491231002", areas, Today);

        Assert.True(check.WellFormed);
        Assert.True(check.Valid);
        Assert.Equal("11010519491231002X", check.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), check.BirthDate);
    }

    [Fact]
    public void Check_FullWidthFifteenDigitNumber_IsUpgraded() =>
        Assert.Equal("11010519491231002X", IdentityNumber.Check("１１０１０５４９１２３１００２", areas, Today).Value);

    [Theory]
    [InlineData("11010549123100")]
    [InlineData("1101054912310021")]
    [InlineData("11010549123100X")]
    public void UpgradeFrom15_NotFifteenDigits_Throws(string text) =>
        Assert.Throws<ArgumentException>(() => IdentityNumber.UpgradeFrom15(text));

    [Fact]
    public void DowngradeTo15_PublishedExample_DropsCenturyAndCheckCharacter() =>
        Assert.Equal("110105491231002", IdentityNumber.DowngradeTo15("11010519491231002X"));

    [Fact]
    public void DowngradeTo15_BornAfter1999_Throws() =>
        Assert.Throws<ArgumentException>(() => IdentityNumber.DowngradeTo15(TestIdentityNumbers.Build("110105", "20010101", "001")));

    [Theory]
    [InlineData("")]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100X")]
    [InlineData("11010519491231002X1")]
    [InlineData("1101051949123100XX")]
    [InlineData("X1010519491231002X")]
    [InlineData("11010519491231002A")]
    [InlineData("1101 0519 4912 3100 2X")]
    [InlineData("11010549123100X")]
    [InlineData("11010519491231002Y")]
    [InlineData("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X")]
    public void Check_WrongLengthOrCharacters_IsNotWellFormed(string raw)
    {
        var check = IdentityNumber.Check(raw, areas, Today);

        Assert.False(check.WellFormed);
        Assert.False(check.Valid);
        Assert.Null(check.BirthDate);
        Assert.Null(check.Sex);
        Assert.Null(check.CurrentRegion);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.IdFormat, finding.Code);
    }

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", true)]
    [InlineData("110105491231002", false)]
    [InlineData("11010519491231002x", false)]
    public void IsWellFormed_NormalizedNumber_AcceptsOnlyEighteenDigitsWithOptionalFinalX(string normalized, bool expected) =>
        Assert.Equal(expected, IdentityNumber.IsWellFormed(normalized));

    [Fact]
    public void Check_WrongCheckCharacter_IsWellFormedButInvalid()
    {
        var check = IdentityNumber.Check("110105194912310021", areas, Today);

        Assert.True(check.WellFormed);
        Assert.False(check.Valid);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.InvalidId, finding.Code);
        Assert.Contains("check character", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1949, 12, 31), check.BirthDate);
    }

    [Fact]
    public void Check_BirthDateTomorrow_IsInvalidWithDate()
    {
        var check = IdentityNumber.Check(TestIdentityNumbers.Build("110105", "20261122", "001"), areas, Today);

        Assert.True(check.WellFormed);
        Assert.False(check.Valid);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.InvalidId, finding.Code);
        Assert.Contains("birth date", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 22), check.BirthDate);
    }

    [Fact]
    public void Check_BirthDateToday_IsValid() =>
        Assert.True(IdentityNumber.Check(TestIdentityNumbers.Build("110105", "20261121", "001"), areas, Today).Valid);

    [Theory]
    [InlineData("19490230")]
    [InlineData("19491301")]
    [InlineData("19490001")]
    [InlineData("19490100")]
    [InlineData("20230229")]
    [InlineData("19000229")]
    [InlineData("00000101")]
    public void Check_ImpossibleBirthDate_IsInvalidWithoutDate(string birthDate)
    {
        var check = IdentityNumber.Check(TestIdentityNumbers.Build("110105", birthDate, "001"), areas, Today);

        Assert.True(check.WellFormed);
        Assert.False(check.Valid);
        Assert.Null(check.BirthDate);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.InvalidId, finding.Code);
        Assert.Contains("birth date", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("510202", "500103")]
    [InlineData("510215", "500109")]
    [InlineData("510225", "500116")]
    public void Check_ChongqingPrefixBefore1997_IsValidAndMapsToTodaysCode(string prefix, string currentRegion)
    {
        var check = IdentityNumber.Check(TestIdentityNumbers.Build(prefix, "19850101", "123"), areas, Today);

        Assert.True(check.Valid, string.Join("; ", check.Findings));
        Assert.Equal(currentRegion, check.CurrentRegion);
        Assert.StartsWith("5001", check.CurrentRegion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("110199")]
    [InlineData("000000")]
    public void Check_UnknownRegionPrefix_IsInvalid(string prefix)
    {
        var check = IdentityNumber.Check(TestIdentityNumbers.Build(prefix, "19900101", "001"), areas, Today);

        Assert.True(check.WellFormed);
        Assert.False(check.Valid);
        Assert.Null(check.CurrentRegion);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.InvalidId, finding.Code);
        Assert.Contains("region", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AreaCodesUnavailable_SkipsOnlyTheRegionRule()
    {
        var unknownRegion = IdentityNumber.Check(TestIdentityNumbers.Build("999999", "19900101", "001"), AreaCodes.Unavailable, Today);
        var badDate = IdentityNumber.Check(TestIdentityNumbers.Build("999999", "19900231", "001"), AreaCodes.Unavailable, Today);

        Assert.True(unknownRegion.Valid);
        Assert.Null(unknownRegion.CurrentRegion);
        Assert.False(badDate.Valid);
        Assert.Contains("birth date", Assert.Single(badDate.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EveryRuleFails_ReportsOneFindingPerRuleWithoutTheNumber()
    {
        var valid = TestIdentityNumbers.Build("999999", "20300101", "001");
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var check = IdentityNumber.Check(wrongCheck, areas, Today);

        Assert.False(check.Valid);
        Assert.Equal(3, check.Findings.Count);
        Assert.All(check.Findings, f => Assert.Equal(FindingCodes.InvalidId, f.Code));
        Assert.Contains(check.Findings, f => f.Message.Contains("check character", StringComparison.Ordinal));
        Assert.Contains(check.Findings, f => f.Message.Contains("birth date", StringComparison.Ordinal));
        Assert.Contains(check.Findings, f => f.Message.Contains("region", StringComparison.Ordinal));
        Assert.All(check.Findings, f => Assert.DoesNotContain("999999", f.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("001", Sex.Male)]
    [InlineData("002", Sex.Female)]
    [InlineData("019", Sex.Male)]
    [InlineData("990", Sex.Female)]
    public void Check_SeventeenthDigit_GivesSexByParity(string sequence, Sex expected) =>
        Assert.Equal(expected, IdentityNumber.Check(TestIdentityNumbers.Build("110105", "19900101", sequence), areas, Today).Sex);

    [Theory]
    [InlineData("tax-500103199001011234", true)]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x-b", true)]
    [InlineData("１１０１０５１９４９１２３１００２１", true)]
    [InlineData("b-110105491231002", true)]
    [InlineData("tax-20261120180000123", false)]
    [InlineData("202611201800001234", false)]
    [InlineData("1101051949123100211", false)]
    [InlineData("edu-2026-11-20-0001", false)]
    [InlineData("", false)]
    public void AppearsIn_Text_FindsWhatReadsAsAnIdentityNumber(string text, bool expected) =>
        Assert.Equal(expected, IdentityNumber.AppearsIn(text));
}
