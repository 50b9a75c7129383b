using IntegrationHub.Events.Shaping;
using IntegrationHub.Events.Subscriptions;

namespace IntegrationHub.Tests.Events.Shaping;

public sealed class FieldFilterTests
{
    private static JsonObject Data() => JsonNode.Parse("""
        {"personId":"7","name":"王芳","address":{"city":"重庆","street":"解放碑1号"},"changed":["name","address"],"a/b":1,"m~n":2}
        """)!.AsObject();

    [Fact]
    public void Apply_NestedPointer_CopiesOnlyThatLeafAtItsPlace()
    {
        var result = FieldFilter.Apply(Data(), ["/address/city", "/personId"]);

        Assert.Equal("""{"address":{"city":"重庆"},"personId":"7"}""", result.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    [Fact]
    public void Apply_EscapedTokensAndWholeArrays_ResolveAsRfc6901Says()
    {
        var result = FieldFilter.Apply(Data(), ["/a~1b", "/m~0n", "/changed"]);

        Assert.Equal(1, result["a/b"]!.GetValue<int>());
        Assert.Equal(2, result["m~n"]!.GetValue<int>());
        Assert.Equal(2, result["changed"]!.AsArray().Count);
    }

    [Fact]
    public void Apply_PointersThatDoNotResolveOrStepIntoArrays_CopyNothing()
    {
        var result = FieldFilter.Apply(Data(), ["/missing", "/changed/0", "/name/first", "/address/zip", "not-a-pointer"]);

        Assert.Empty(result);
    }

    [Theory]
    [InlineData("/name", true)]
    [InlineData("/a~0b~1c", true)]
    [InlineData("/", true)]
    [InlineData("", false)]
    [InlineData("name", false)]
    [InlineData("/a~2", false)]
    [InlineData("/a~", false)]
    public void IsValid_Pointers_FollowRfc6901(string pointer, bool valid) => Assert.Equal(valid, JsonPointer.IsValid(pointer));
}
