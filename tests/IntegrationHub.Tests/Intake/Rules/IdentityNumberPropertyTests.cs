using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class IdentityNumberPropertyTests(AreaCodesFixture fixture) : IClassFixture<AreaCodesFixture>
{
    private const string Digits = "0123456789";
    private const string CheckCharacters = "0123456789X";

    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    // Current, retired and retired-then-split prefixes: all were in use at some time.
    private static readonly string[] Prefixes = ["110105", "320102", "440305", "500103", "510107", "510202", "510222", "650102"];

    private readonly AreaCodes areas = fixture.Areas;

    private static Gen<string> ValidNumbers(DateOnly earliest, DateOnly latest) =>
        from prefix in Gen.Elements(Prefixes)
        from day in Gen.Choose(earliest.DayNumber, latest.DayNumber)
        from sequence in Gen.Choose(0, 999)
        select TestIdentityNumbers.Build(
            prefix,
            DateOnly.FromDayNumber(day).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Check_GeneratedValidNumber_IsValid()
    {
        var property = Prop.ForAll(ValidNumbers(Earliest, Today).ToArbitrary(), number =>
        {
            var check = IdentityNumber.Check(number, areas, Today);
            return check.Valid && check.Value == number && check.Findings.Count == 0;
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Check_SingleCharacterSubstitution_FailsTheCheckCharacter()
    {
        var substitutions =
            from number in ValidNumbers(Earliest, Today)
            from position in Gen.Choose(0, 17)
            from shift in Gen.Choose(1, position == 17 ? CheckCharacters.Length - 1 : Digits.Length - 1)
            select (number, position, shift);

        var property = Prop.ForAll(substitutions.ToArbitrary(), t =>
        {
            var alphabet = t.position == 17 ? CheckCharacters : Digits;
            var replaced = alphabet[(alphabet.IndexOf(t.number[t.position], StringComparison.Ordinal) + t.shift) % alphabet.Length];
            var mutated = string.Concat(t.number.AsSpan(0, t.position), replaced.ToString(), t.number.AsSpan(t.position + 1));

            var check = IdentityNumber.Check(mutated, areas, Today);

            return check.WellFormed && !check.Valid
                && check.Findings.Any(f => f.Message.Contains("check character", StringComparison.Ordinal))
                && check.Findings.All(f => !f.Message.Contains(mutated[..6], StringComparison.Ordinal));
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Check_AdjacentTransposition_FailsTheCheckCharacter()
    {
        var transpositions =
            from number in ValidNumbers(Earliest, Today)
            from position in Gen.Choose(0, 16)
            where number[position] != number[position + 1]
            select (number, position);

        var property = Prop.ForAll(transpositions.ToArbitrary(), t =>
        {
            var chars = t.number.ToCharArray();
            (chars[t.position], chars[t.position + 1]) = (chars[t.position + 1], chars[t.position]);
            var mutated = new string(chars);

            var check = IdentityNumber.Check(mutated, areas, Today);

            // Moving a final X into the digits makes the number malformed, which also fails it.
            return !check.Valid && (!check.WellFormed || IdentityNumber.CheckCharacter(mutated.AsSpan(0, 17)) != mutated[17]);
        });

        Check.One(Config, property);
    }

    [Fact]
    public void UpgradeFrom15_ThenDowngradeTo15_RoundTrips()
    {
        var fifteen = Gen.ArrayOf(Gen.Elements(Digits.ToCharArray()), 15).Select(chars => new string(chars));

        var property = Prop.ForAll(fifteen.ToArbitrary(), legacy =>
        {
            var upgraded = IdentityNumber.UpgradeFrom15(legacy);
            return upgraded.Length == 18 && upgraded[6..8] == "19"
                && IdentityNumber.CheckCharacter(upgraded.AsSpan(0, 17)) == upgraded[17]
                && IdentityNumber.DowngradeTo15(upgraded) == legacy;
        });

        Check.One(Config, property);
    }

    [Fact]
    public void DowngradeTo15_ThenUpgradeFrom15_RoundTripsForTheTwentiethCentury()
    {
        var property = Prop.ForAll(ValidNumbers(Earliest, new DateOnly(1999, 12, 31)).ToArbitrary(),
            number => IdentityNumber.UpgradeFrom15(IdentityNumber.DowngradeTo15(number)) == number);

        Check.One(Config, property);
    }
}
