using IntegrationHub.Events;
using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Tests.Events.Shaping;

public sealed class EventShaperTests
{
    private static readonly byte[] HubKey = RandomNumberGenerator.GetBytes(32);

    private static EventShaper Shaper(out Pseudonyms pseudonyms)
    {
        var events = Options.Create(new EventsOptions { PseudonymKey = Convert.ToBase64String(HubKey), Region = "sc" });
        var protection = Options.Create(new ProtectionOptions { IdentityKey = TestKeys.IdentityKey, BlindIndexKey = TestKeys.BlindIndexKey });
        pseudonyms = new Pseudonyms(events, protection);
        return new EventShaper(events, new IdentityProtector(protection), pseudonyms);
    }

    private static Subscription Subscription(string subscriber, params string[] fields) => new(1, "s", subscriber, "law", "purpose",
        ["cn.gov.hrss.hub.*"], fields, false, new Destination(DestinationKind.Pull), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void For_PersonWithoutANumber_PseudonymIsTheSubscribersKeyedHashOfThePersonId()
    {
        var shaper = Shaper(out _);
        var e = new OutboxEvent(1, 1, Guid.NewGuid(), EventTypes.PersonCreated, "P000000042", 3, DateTimeOffset.UnixEpoch, """{"personId":"P000000042","name":"李娜"}""", null);

        var json = JsonDocument.Parse(shaper.For(Subscription("reader", "/pseudonym"))(e)).RootElement;

        var subscriberKey = HMACSHA256.HashData(HubKey, Encoding.UTF8.GetBytes("subscriber\u001freader"));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(subscriberKey, Encoding.UTF8.GetBytes("person:42")));
        Assert.Equal(expected, json.GetProperty("data").GetProperty("pseudonym").GetString());
        Assert.Equal(["pseudonym"], json.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal("/hub/sc", json.GetProperty("source").GetString());
        Assert.Equal("3", json.GetProperty("sequence").GetString());
        Assert.Equal("1970-01-01T00:00:00Z", json.GetProperty("time").GetString());
    }

    [Fact]
    public void For_IdentityNumberAllowedButNotGranted_NumberIsNotAdded()
    {
        var shaper = Shaper(out _);
        var cipher = new IdentityProtector(Options.Create(new ProtectionOptions
        {
            IdentityKey = TestKeys.IdentityKey,
            BlindIndexKey = TestKeys.BlindIndexKey,
        })).Encrypt("500103199001011234", ProtectionPurposes.IdNumber);
        var e = new OutboxEvent(1, 1, Guid.NewGuid(), EventTypes.PersonCreated, "P000000042", 1, DateTimeOffset.UnixEpoch, """{"personId":"P000000042"}""", cipher);

        var bytes = shaper.For(Subscription("reader", "/personId", "/identityNumber"))(e);

        Assert.DoesNotContain("500103199001011234", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("identityNumber", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
