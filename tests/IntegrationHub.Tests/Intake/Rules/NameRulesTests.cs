using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("阿卜杜拉·买买提")]
    [InlineData("阿卜杜拉•买买提")]
    [InlineData("阿卜杜拉.买买提")]
    [InlineData("阿卜杜拉・买买提")]
    [InlineData("阿卜杜拉．买买提")]
    [InlineData("阿卜杜拉‧买买提")]
    [InlineData("阿卜杜拉･买买提")]
    [InlineData("阿卜杜拉 · 买买提")]
    [InlineData(" 阿卜杜拉 •　买买提 ")]
    public void Normalize_MiddleDotVariant_BecomesMiddleDot(string raw) =>
        Assert.Equal("阿卜杜拉\u00B7买买提", NameRules.Normalize(raw));

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("  张三\t", "张三")]
    [InlineData("张 三", "张三")]
    [InlineData("张　三", "张三")]
    [InlineData("欧阳  娜 娜", "欧阳娜娜")]
    [InlineData("𠮷 田", "𠮷田")]
    [InlineData("王〇 明", "王〇明")]
    public void Normalize_SpacesBetweenChineseCharacters_AreRemoved(string raw, string expected) =>
        Assert.Equal(expected, NameRules.Normalize(raw));

    [Theory]
    [InlineData("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH")]
    [InlineData("John    Smith", "John Smith")]
    [InlineData(" Ｍａｒｉａ  de　la  Cruz ", "Maria de la Cruz")]
    [InlineData("李 Lei", "李 Lei")]
    [InlineData("Anna · Li", "Anna · Li")]
    public void Normalize_LatinName_IsHalfWidthWithSingleSpacesKept(string raw, string expected) =>
        Assert.Equal(expected, NameRules.Normalize(raw));

    [Theory]
    [InlineData("", false)]
    [InlineData("张", true)]
    [InlineData("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", true)]
    public void HasValidLength_Name_CountsCharactersNotUtf16Units(string name, bool expected) =>
        Assert.Equal(expected, NameRules.HasValidLength(name));

    [Fact]
    public void HasValidLength_FiftyOneCharacters_IsFalse()
    {
        Assert.True(NameRules.HasValidLength(new string('张', NameRules.MaxLength)));
        Assert.False(NameRules.HasValidLength(new string('张', NameRules.MaxLength + 1)));
    }

    [Theory]
    [InlineData("李\u200B娜", "李娜")]
    [InlineData("\u200F李娜\u200E", "李娜")]
    [InlineData("\uFEFF李娜", "李娜")]
    [InlineData("李\u2060娜\u00AD", "李娜")]
    [InlineData("\u202E李娜\u202C", "李娜")]
    [InlineData("李娜\uFE0F", "李娜")]
    [InlineData("\u0301李娜", "李娜")]
    [InlineData("Jose\u0301", "Jose\u0301")]
    [InlineData("李 \u0301娜", "李娜")]
    [InlineData("\u3164李娜", "李娜")]
    [InlineData("\u200B\u200C\u200D", "")]
    [InlineData("\u0301\u0308", "")]
    public void Normalize_InvisibleCharacters_AreRemoved(string raw, string expected) =>
        Assert.Equal(expected, NameRules.Normalize(raw));

    [Theory]
    [InlineData("重庆\u200B某公司", "重庆某公司")]
    [InlineData("\u200E", "")]
    [InlineData("Acme  Ltd", "Acme  Ltd")]
    public void StripInvisible_KeepsSpacesAndDropsInvisibleCharacters(string raw, string expected) =>
        Assert.Equal(expected, NameRules.StripInvisible(raw));
}
