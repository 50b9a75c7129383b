using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Tests.Events.Subscriptions;

public sealed class EventTypePatternTests
{
    [Theory]
    [InlineData("cn.gov.hrss.hub.person.*", "cn.gov.hrss.hub.person.created.v1", true)]
    [InlineData("cn.gov.hrss.hub.person.*", "cn.gov.hrss.hub.employment.started.v1", false)]
    [InlineData("cn.gov.hrss.hub.person.created.v1", "cn.gov.hrss.hub.person.created.v1", true)]
    [InlineData("cn.gov.hrss.hub.person.created.v1", "cn.gov.hrss.hub.person.created.v10", false)]
    public void Matches_ExactOrByPrefix(string pattern, string type, bool matches) =>
        Assert.Equal(matches, EventTypePattern.Matches(pattern, type));

    [Fact]
    public void ToLike_LikeWildcardsInTheType_AreEscapedAndOnlyTheStarBecomesAWildcard() =>
        Assert.Equal(@"cn.gov\_x\%y%", EventTypePattern.ToLike("cn.gov_x%y*"));

    [Fact]
    public void IsKnown_PrefixOfNoEmittedType_IsNotKnown()
    {
        Assert.True(EventTypePattern.IsKnown("cn.gov.hrss.hub.*"));
        Assert.False(EventTypePattern.IsKnown("cn.gov.hrss.hub.payroll.*"));
    }
}
