using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Tests.Intake.Validation;

public sealed class TextGuardTests
{
    [Theory]
    [InlineData("""{"a":"ok","b":["x","y"],"c":{"d":"e"}}""", null, null)]
    [InlineData("""{"a":"tab\tand\nline"}""", null, null)]
    [InlineData("""{"a":"x\ud800"}""", "/a", "encoding")]
    [InlineData("""{"a":"\udc00x"}""", "/a", "encoding")]
    [InlineData("""{"a":"😀 pair \ud83d\ude00"}""", null, null)]
    [InlineData("""{"a":["ok","\u0000"]}""", "/a/1", "control-character")]
    [InlineData("""{"a":{"b\u0001":"x"}}""", "/a/b\u0001", "control-character")]
    [InlineData("""{"a":"\u007f"}""", "/a", "control-character")]
    [InlineData("""{"a":"\u009f"}""", "/a", "control-character")]
    [InlineData("""{"a":1,"b":{"c":1,"c":2}}""", "/b/c", "duplicate-key")]
    [InlineData("""{"a/b":1,"a/b":2}""", "/a~1b", "duplicate-key")]
    public void Check_Record_FindsWhatNoFieldMayHold(string json, string? path, string? code)
    {
        var raw = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(raw);
        var errors = new List<FieldError>();

        TextGuard.Check(document.RootElement, raw, "", errors);

        if (code is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal((path, code), (error.Path, error.Code));
        }
    }

    [Fact]
    public void Check_DuplicateKeyNamedLikeAnIdentityNumber_WithholdsTheName()
    {
        var raw = """{"110105194912310021":1,"110105194912310021":2}"""u8.ToArray();
        using var document = JsonDocument.Parse(raw);
        var errors = new List<FieldError>();

        TextGuard.Check(document.RootElement, raw, "", errors);

        Assert.Equal("/(withheld)", Assert.Single(errors).Path);
    }

    [Fact]
    public void CheckBytes_InvalidUtf8_IsAnEncodingError()
    {
        Assert.Null(TextGuard.CheckBytes("{\"a\":\"李娜\"}"u8, ""));
        Assert.Equal("encoding", TextGuard.CheckBytes([(byte)'"', 0xC3, 0x28, (byte)'"'], "/records/3")!.Code);
        Assert.Equal("/records/3", TextGuard.CheckBytes([0xFF], "/records/3")!.Path);
    }

    [Fact]
    public void CheckAll_SkippedProperty_IsNotWalked()
    {
        using var document = JsonDocument.Parse("""{"batchId":"b","records":[{"a":"\u0000"}]}""");
        var errors = new List<FieldError>();

        TextGuard.CheckAll(document.RootElement, "", errors, skip: "records");

        Assert.Empty(errors);
    }
}
