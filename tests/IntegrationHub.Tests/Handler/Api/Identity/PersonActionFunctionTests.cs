namespace IntegrationHub.Tests.Handler.Api.Identity;

/// <summary>The person actions' bodies (merge's <c>into</c>, split's <c>records</c>) refused with the place at fault before
/// any person is looked at: duplicate keys, bad encodings, control characters, wrong types, incomplete records.</summary>
public sealed class PersonActionFunctionTests : DeliveryHarnessTests
{
    [Theory]
    [InlineData("""{"into": "P000000002", "into": "P000000003"}""", "/into", "duplicate-key")]
    [InlineData("""{"into": "P00000\ud8000002"}""", "/into", "encoding")]
    [InlineData("""{"into": "P000000002\u0000"}""", "/into", "control-character")]
    [InlineData("""{"into": 2}""", "/into", "type")]
    [InlineData("""{"into": "P000000002" """, "/into", "syntax")]
    public async Task Merge_HostileBody_Returns400WithPointer(string body, string pointer, string code)
    {
        var (status, answer) = await hub.AdminAsync(HttpMethod.Post, "/api/persons/P000000001/merge", body);

        AssertRefused(status, answer, pointer, code);
    }

    [Fact]
    public async Task Merge_InvalidUtf8_Returns400Encoding()
    {
        byte[] body = [.. "{\"into\": \"P"u8, 0xFF, 0xFE, .. "\"}"u8];

        var (status, answer) = await hub.AdminAsync(HttpMethod.Post, "/api/persons/P000000001/merge", body);

        AssertRefused(status, answer, "/into", "encoding");
    }

    [Theory]
    [InlineData("""{"records": [{"department": "tax", "feed": "wage-withholding", "recordId": "a", "recordId": "b"}]}""", "/records/0/recordId",
        "duplicate-key")]
    [InlineData("""{"records": [{"department": "tax", "feed": "wage-withholding", "recordId": "a\u0000"}]}""", "/records/0/recordId",
        "control-character")]
    [InlineData("""{"records": [{"department": "tax", "feed": "wage-withholding", "recordId": "a"}, null]}""", "/records/1", "required")]
    [InlineData("""{"records": [{"department": "tax", "recordId": "a"}]}""", "/records/0/feed", "required")]
    [InlineData("""{"records": [{"department": "tax", "feed": ["x"], "recordId": "a"}]}""", "/records/0/feed", "type")]
    public async Task Split_HostileOrIncompleteBody_Returns400WithPointer(string body, string pointer, string code)
    {
        var (status, answer) = await hub.AdminAsync(HttpMethod.Post, "/api/persons/P000000001/split", body);

        AssertRefused(status, answer, pointer, code);
    }

    private static void AssertRefused(int status, System.Text.Json.Nodes.JsonNode? answer, string pointer, string code)
    {
        Assert.Equal(400, status);
        ResponseCapture.Save("Error", answer!.ToJsonString());
        var error = Assert.Single(answer["errors"]!.AsArray());
        Assert.Equal((pointer, code), (error!["path"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.DoesNotContain("\u0000", answer.ToJsonString(), StringComparison.Ordinal);
    }
}
