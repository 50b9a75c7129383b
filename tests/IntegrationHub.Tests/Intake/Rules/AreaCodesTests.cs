using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class AreaCodesTests(AreaCodesFixture fixture) : IClassFixture<AreaCodesFixture>
{
    private readonly AreaCodes areas = fixture.Areas;

    [Fact]
    public void Load_RealFile_HoldsEveryDistinctCode()
    {
        Assert.True(areas.IsAvailable);
        Assert.Equal(6450, areas.Count);
    }

    [Fact]
    public void Lookup_CurrentCode_IsCurrentWithName()
    {
        var info = areas.Lookup("500103");

        Assert.Equal(new AreaCodeInfo("500103", AreaCodeStatus.Current, "渝中区", null), info);
    }

    [Fact]
    public void Lookup_RetiredChongqingCode_HasTodaysReplacement() =>
        Assert.Equal(new AreaCodeInfo("510202", AreaCodeStatus.Retired, "渝中区", "500103"), areas.Lookup("510202"));

    [Fact]
    public void Lookup_RetiredTwice_FollowsTheChainToTheCodeInUse()
    {
        // 510225 Jiangjin county -> 510282 (1992) -> 500381 (1997) -> 500116 Jiangjin district (2006).
        var info = areas.Lookup("510225");

        Assert.Equal(AreaCodeStatus.Retired, info.Status);
        Assert.Equal("500116", info.Replacement);
    }

    [Fact]
    public void Lookup_RetiredAfterPartialHandovers_IgnoresTheHandovers() =>
        Assert.Equal("500106", areas.Lookup("510212").Replacement);

    [Fact]
    public void Lookup_RetiredAndSplit_HasNoSingleReplacement()
    {
        var info = areas.Lookup("510222");

        Assert.Equal(AreaCodeStatus.Retired, info.Status);
        Assert.Equal("巴县", info.Name);
        Assert.Null(info.Replacement);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("5001")]
    [InlineData("")]
    public void Lookup_UnknownCode_IsUnknown(string code) =>
        Assert.Equal(new AreaCodeInfo(code, AreaCodeStatus.Unknown, null, null), areas.Lookup(code));

    [Theory]
    [InlineData("510202", true)]
    [InlineData("500103", true)]
    [InlineData("110000", true)]
    [InlineData("999999", false)]
    [InlineData("110199", false)]
    public void EverInUse_Code_IsTrueForCurrentAndRetiredCodes(string code, bool expected) =>
        Assert.Equal(expected, areas.EverInUse(code));

    [Theory]
    [InlineData("500103", "500103")]
    [InlineData("510202", "500103")]
    [InlineData("510215", "500109")]
    [InlineData("510222", null)]
    [InlineData("999999", null)]
    public void CurrentEquivalent_Code_IsTodaysCode(string code, string? expected) =>
        Assert.Equal(expected, areas.CurrentEquivalent(code));

    [Fact]
    public void Unavailable_AnyCode_IsUnknownAndNeverInUse()
    {
        Assert.False(AreaCodes.Unavailable.IsAvailable);
        Assert.Equal(AreaCodeStatus.Unknown, AreaCodes.Unavailable.Lookup("500103").Status);
        Assert.False(AreaCodes.Unavailable.EverInUse("500103"));
        Assert.Null(AreaCodes.Unavailable.CurrentEquivalent("500103"));
    }

    [Fact]
    public void Load_CycleOfRetiredCodes_HasNoReplacement()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码
                100001,甲,,甲,县级,弃用,1981,1990,100002
                100002,乙,,乙,县级,弃用,1990,1991,100001
                100003,丙,,丙,县级,弃用,1981,1990,100004;100005
                100004,丁,,丁,县级,弃用,1990,1995,100005
                100005,戊,,戊,县级,在用,1990,,
                """);

            var loaded = AreaCodes.Load(path);

            Assert.Null(loaded.Lookup("100001").Replacement);
            Assert.Equal("100005", loaded.Lookup("100003").Replacement);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("100001,甲,,甲,县级,在用,1981,")]
    [InlineData("10001,甲,,甲,县级,在用,1981,,")]
    [InlineData("100001,甲,,甲,县级,未知,1981,,")]
    [InlineData("100001,甲,,甲,县级,弃用,1981,1990,1002")]
    public void Load_MalformedRow_ThrowsInvalidData(string row)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码\n" + row + "\n");

            var exception = Assert.Throws<InvalidDataException>(() => AreaCodes.Load(path));
            Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
