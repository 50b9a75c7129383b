using IntegrationHub.Handler.Triggers;

namespace IntegrationHub.Tests.Handler.Triggers;

public sealed class MetadataValueTests
{
    [Fact]
    public void GetString_DoublyEncodedString_IsUnquoted()
    {
        using var metadata = JsonDocument.Parse("""{"MessageId":"\"abc-1\"","DeliveryCount":"3"}""");

        Assert.Equal("abc-1", MetadataValue.GetString(metadata.RootElement, "MessageId"));
        Assert.Equal(3, MetadataValue.GetInt32(metadata.RootElement, "deliverycount"));
    }

    [Fact]
    public void GetString_PlainValuesAndMissing_AreAccepted()
    {
        using var metadata = JsonDocument.Parse("""{"MessageId":"abc-2","DeliveryCount":2}""");

        Assert.Equal("abc-2", MetadataValue.GetString(metadata.RootElement, "MessageId"));
        Assert.Equal(2, MetadataValue.GetInt32(metadata.RootElement, "DeliveryCount"));
        Assert.Null(MetadataValue.GetString(metadata.RootElement, "SessionId"));
    }
}
