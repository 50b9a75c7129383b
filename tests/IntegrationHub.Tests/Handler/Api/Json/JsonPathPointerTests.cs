using IntegrationHub.Handler.Api.Json;

namespace IntegrationHub.Tests.Handler.Api.Json;

public sealed class JsonPathPointerTests
{
    [Theory]
    [InlineData("$", "")]
    [InlineData(null, "")]
    [InlineData("$.into", "/into")]
    [InlineData("$.records[0].feed", "/records/0/feed")]
    [InlineData("$.records[12]", "/records/12")]
    [InlineData("$['a.b'].c", "/a.b/c")]
    [InlineData("$['a/b']['c~d']", "/a~1b/c~0d")]
    public void From_SystemTextJsonPath_IsTheJsonPointer(string? path, string pointer) => Assert.Equal(pointer, JsonPathPointer.From(path));
}
