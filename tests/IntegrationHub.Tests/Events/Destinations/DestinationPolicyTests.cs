using IntegrationHub.Events.Destinations;

namespace IntegrationHub.Tests.Events.Destinations;

public sealed class DestinationPolicyTests
{
    [Theory]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("::ffff:169.254.169.254", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    [InlineData("fe80::abcd", AddressClass.Metadata)]
    [InlineData("febf::1", AddressClass.Metadata)]
    [InlineData("168.63.129.16", AddressClass.Metadata)]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.0.9", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::127.0.0.1", AddressClass.Loopback)]
    [InlineData("10.255.255.255", AddressClass.Private)]
    [InlineData("172.16.0.0", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("192.168.0.1", AddressClass.Private)]
    [InlineData("100.64.0.0", AddressClass.Private)]
    [InlineData("100.127.255.255", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("fdff::1", AddressClass.Private)]
    [InlineData("fec0::1", AddressClass.Private)]
    [InlineData("64:ff9b::a00:1", AddressClass.Private)]
    [InlineData("0.0.0.0", AddressClass.Unusable)]
    [InlineData("::", AddressClass.Unusable)]
    [InlineData("255.255.255.255", AddressClass.Unusable)]
    [InlineData("ff02::1", AddressClass.Unusable)]
    [InlineData("172.15.255.255", AddressClass.Public)]
    [InlineData("172.32.0.0", AddressClass.Public)]
    [InlineData("100.63.255.255", AddressClass.Public)]
    [InlineData("100.128.0.0", AddressClass.Public)]
    [InlineData("169.253.255.255", AddressClass.Public)]
    [InlineData("8.8.8.8", AddressClass.Public)]
    [InlineData("2400:3200::1", AddressClass.Public)]
    [InlineData("2002:808:808::1", AddressClass.Public)]
    public void Classify_Address_IsItsClass(string address, AddressClass expected) =>
        Assert.Equal(expected, DestinationPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://10.0.0.5/hook", false, false, true)]
    [InlineData("https://10.0.0.5/hook", false, true, false)]
    [InlineData("https://[fd12::1]/hook", false, true, false)]
    [InlineData("https://169.254.169.254/", true, true, true)]
    [InlineData("https://[fe80::1]/", true, true, true)]
    [InlineData("https://metadata.google.internal/", true, true, true)]
    [InlineData("https://127.0.0.1/", false, true, true)]
    [InlineData("https://localhost/", true, false, false)]
    [InlineData("https://127.0.0.1/", true, false, false)]
    [InlineData("https://hooks.example.gov.cn/", false, false, false)]
    public void Refusal_ByConfiguration_RefusesOnlyWhatIsNotAllowed(string url, bool allowLoopback, bool allowPrivate, bool refused)
    {
        var policy = new DestinationPolicy(allowLoopback, allowPrivate);

        Assert.Equal(refused, policy.Refusal(new Uri(url)) is not null);
    }

    [Fact]
    public void Refusal_ResolvedAddress_NamesTheHostAndTheAddress()
    {
        var reason = new DestinationPolicy(false, false).Refusal("hooks.example.gov.cn", IPAddress.Parse("10.1.2.3"));

        Assert.Equal("hooks.example.gov.cn (resolved to 10.1.2.3) is a private address (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): "
            + "events go there only when Events:AllowPrivateDestinations is true.", reason);
    }
}
