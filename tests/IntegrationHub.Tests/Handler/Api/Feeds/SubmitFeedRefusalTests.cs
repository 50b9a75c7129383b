namespace IntegrationHub.Tests.Handler.Api.Feeds;

/// <summary>Requests refused whole: a malformed envelope, an unknown feed, a wrong media type, too much, no right to send.</summary>
public sealed class SubmitFeedRefusalTests() : IntakeHarnessTests(SubmitFeedFunctionTests.Limits())
{
    private const string Feed = "wage-withholding";

    [Theory]
    [InlineData("""{"schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000","records":[]}""", "")]
    [InlineData("""{"batchId":"e-1","schemaVersion":"1","extractedAt":"yesterday","region":"500000","records":[]}""", "/extractedAt")]
    [InlineData("""{"batchId":"e-2","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"5000","records":[]}""", "/region")]
    [InlineData("""{"batchId":"e-3","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000"}""", "")]
    [InlineData("""[1, 2]""", null)]
    public async Task Submit_EnvelopeMissingOrMalformed_Returns400AndStoresNothing(string body, string? path)
    {
        var before = await hub.CountAsync("SELECT count(*) FROM intake_batch");

        var response = await hub.PostJsonAsync("tax", Feed, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("envelope-invalid", response.Json.GetProperty("code").GetString());
        if (path is not null)
        {
            Assert.Contains(response.Json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == path);
        }

        Assert.Equal(before, await hub.CountAsync("SELECT count(*) FROM intake_batch"));
    }

    [Fact]
    public async Task Submit_BodyNotJson_Returns400()
    {
        var response = await hub.PostJsonAsync("tax", Feed, "batchId=1&records=none");

        Assert.Equal(400, response.Status);
        Assert.Equal("json", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_NdjsonEnvelopeLineNotJson_Returns400()
    {
        var response = await hub.PostNdjsonAsync("tax", Feed, "batch: 7\n" + TaxRecords.Record("x", TaxRecords.IdNumber(7)) + "\n");

        Assert.Equal(400, response.Status);
        Assert.Equal("envelope-invalid", response.Json.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("tax", "no-such-feed")]
    [InlineData("nobody", "wage-withholding")]
    public async Task Submit_UnknownDepartmentOrFeed_Returns404(string department, string feed)
    {
        var response = await hub.PostJsonAsync(department, feed, TaxRecords.Json("u-1"), hub.Tokens["tax"]);

        Assert.Equal(404, response.Status);
        Assert.Equal("unknown-feed", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_UnknownSchemaVersion_Returns400ListingTheSupportedOnes()
    {
        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("v-9").Replace("\"schemaVersion\":\"1\"", "\"schemaVersion\":\"9\"",
            StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.Equal("schema-version", response.Json.GetProperty("code").GetString());
        Assert.Contains("Supported: 1", response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Submit_WrongContentType_Returns415(string mediaType)
    {
        var response = await hub.SendAsync("tax", Feed, new StringContent(TaxRecords.Json("ct-1"), Encoding.UTF8, mediaType), hub.Tokens["tax"]);

        Assert.Equal(415, response.Status);
    }

    [Fact]
    public async Task Submit_JsonBodyOverTheLimit_Returns413PointingToNdjson()
    {
        var records = TaxRecords.Records("big", 0, 120);

        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("big-1", records));

        Assert.Equal(413, response.Status);
        Assert.True(response.Json.GetProperty("message").GetString()!.Contains("application/x-ndjson", StringComparison.Ordinal), response.Body);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'big-1'"));
    }

    [Fact]
    public async Task Submit_OverTheRecordCount_Returns413_JsonStoresNothingAndNdjsonKeepsWhatItTook()
    {
        var json = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("json-many-1", TaxRecords.Records("jm", 0, 60)));
        var ndjson = await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson("many-1", TaxRecords.Records("many", 0, 60)));

        foreach (var response in new[] { json, ndjson })
        {
            Assert.Equal(413, response.Status);
            Assert.Equal("too-many-records", response.Json.GetProperty("code").GetString());
        }

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'json-many-1'"));
        Assert.Equal(50, ndjson.Json.GetProperty("report").GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Submit_OtherDepartmentsToken_Returns403()
    {
        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("other-1"), hub.Tokens["hr"]);

        Assert.Equal(403, response.Status);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'feed.refused' AND actor = 'hr'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hub_0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Submit_MissingOrUnknownToken_Returns401(string? token)
    {
        var response = await hub.SendAsync("tax", Feed, new StringContent(TaxRecords.Json("anon-1"), Encoding.UTF8, "application/json"), token);

        Assert.Equal(401, response.Status);
    }
}
