using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class IdNeighboursTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(17)]
    public void Of_OneDigitMistyped_IncludesTheTrueNumber(int position)
    {
        var valid = TaxRecords.IdNumber(42);
        var chars = valid.ToCharArray();
        chars[position] = chars[position] == '7' ? '8' : '7';
        var mistyped = new string(chars);

        var neighbours = IdNeighbours.Of(mistyped);

        Assert.Contains(valid, neighbours);
        Assert.All(neighbours, n => Assert.Equal(n[17], IdentityNumber.CheckCharacter(n.AsSpan(0, 17))));
    }

    [Fact]
    public void Of_AdjacentDigitsSwapped_IncludesTheTrueNumber()
    {
        var valid = Enumerable.Range(0, 50).Select(TaxRecords.IdNumber).First(n => n[8] != n[9]);
        var swapped = valid[..8] + valid[9] + valid[8] + valid[10..];

        Assert.Contains(valid, IdNeighbours.Of(swapped));
    }

    [Fact]
    public void Of_ValidNumber_HasNoValidNeighbourFromOneSubstitution()
    {
        var valid = TaxRecords.IdNumber(7);

        Assert.DoesNotContain(IdNeighbours.Of(valid), n => n.Zip(valid).Count(p => p.First != p.Second) == 1);
    }
}
