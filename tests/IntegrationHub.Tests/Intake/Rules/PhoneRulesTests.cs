using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class PhoneRulesTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("008613812345678")]
    [InlineData("0086-138-1234-5678")]
    [InlineData("8613812345678")]
    [InlineData("(+86) 138.1234.5678")]
    [InlineData("138-1234-5678")]
    [InlineData(" 138 1234 5678 ")]
    [InlineData("＋８６　１３８－１２３４－５６７８")]
    [InlineData("（＋８６）１３８ １２３４ ５６７８")]
    public void Normalize_MainlandMobile_IsElevenDigits(string raw) =>
        Assert.Equal("13812345678", PhoneRules.Normalize(raw));

    [Theory]
    [InlineData("19912345678")]
    [InlineData("13012345678")]
    public void Normalize_EverySecondDigitThreeToNine_IsAccepted(string raw) =>
        Assert.Equal(raw, PhoneRules.Normalize(raw));

    [Theory]
    [InlineData("")]
    [InlineData("12812345678")]
    [InlineData("10012345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("02312345678")]
    [InlineData("023-6123-4567")]
    [InlineData("86138123456")]
    [InlineData("+85213812345678")]
    [InlineData("+8613812345678+")]
    [InlineData("138 1234 567a")]
    [InlineData("138/1234/5678")]
    [InlineData("+86+8613812345678")]
    public void Normalize_NotAMainlandMobile_IsNull(string raw) =>
        Assert.Null(PhoneRules.Normalize(raw));
}
