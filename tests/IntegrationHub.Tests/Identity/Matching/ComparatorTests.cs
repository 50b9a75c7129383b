using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class ComparatorTests
{
    private static readonly Lazy<NameReadings> Readings = new(() =>
        NameReadings.Load(Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"))));

    [Theory]
    [InlineData("张伟", "张伟", 0)]
    [InlineData("李靜", "李静", 1)]
    [InlineData("张伟", "张玮", 2)]
    [InlineData("王小明", "王晓明", 2)]
    [InlineData("王小明", "王明", 3)]
    [InlineData("王小明", "赵强", 4)]
    public void Compare_Names_GivesTheAgreementLevel(string recordName, string personName, int level)
    {
        var comparator = new Comparator(Readings.Value);

        var levels = comparator.Compare(Features(name: recordName), Features(name: personName), null);

        Assert.Equal(level, levels[MatchField.Name]);
    }

    [Theory]
    [InlineData("1990-03-07", "1990-03-07", 0)]
    [InlineData("1990-07-03", "1990-03-07", 1)]
    [InlineData("1991-03-07", "1990-03-07", 2)]
    [InlineData("1985-11-30", "1990-03-07", 3)]
    public void Compare_BirthDates_GivesTheAgreementLevel(string recordDate, string personDate, int level)
    {
        var levels = new Comparator(NameReadings.Empty).Compare(Features(birth: recordDate), Features(birth: personDate), null);

        Assert.Equal(level, levels[MatchField.BirthDate]);
    }

    [Fact]
    public void Compare_EmployerAgrees_CountsOnlyAsAgreement()
    {
        var comparator = new Comparator(NameReadings.Empty);

        Assert.Equal(0, comparator.Compare(Features(name: "张伟"), Features(name: "张伟"), null, employerAgrees: true)[MatchField.Employer]);
        Assert.False(comparator.Compare(Features(name: "张伟"), Features(name: "张伟"), null).ContainsKey(MatchField.Employer));
    }

    [Fact]
    public void Compare_MissingFields_AreLeftOut()
    {
        var levels = new Comparator(NameReadings.Empty).Compare(Features(name: "张伟"), Features(birth: "1990-01-01"), null);

        Assert.Empty(levels);
    }

    [Fact]
    public void NameReadings_WithoutReferenceData_StillComparesCharacters()
    {
        Assert.False(NameReadings.Empty.SoundAlike("张伟", "张玮"));
        Assert.True(NameReadings.Empty.SoundAlike("张伟", "张伟"));
        Assert.True(Readings.Value.IsAvailable);
        Assert.Equal(Readings.Value.ReadingKey("张伟"), Readings.Value.ReadingKey("張瑋"));
    }

    private static MatchFeatures Features(string? name = null, string? birth = null) =>
        new(name, [], birth is null ? null : DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), null, null, null, null);

    [Fact]
    public void CheckCharacter_IsWhatNeighboursRelyOn() => Assert.Equal('X', IdentityNumber.CheckCharacter("11010519491231002"));
}
