namespace IntegrationHub.Tests.Handler.Api.Feeds;

/// <summary>What one request may cost the hub: decompressed bytes, expansion and rejected rows are bounded.</summary>
public sealed class IntakeLimitsTests() : IntakeHarnessTests(new Dictionary<string, string?>
{
    ["Intake:ChunkSize"] = "100",
    ["Intake:RejectionStopAfter"] = "50",
    ["Intake:MaxBatchBytes"] = "400000",
    ["Intake:ExpansionCheckedFrom"] = "100000",
    ["Intake:MaxExpansionRatio"] = "50",
})
{
    private const string Feed = "wage-withholding";

    [Fact]
    public async Task Submit_GzipOfEmptyRecords_RefusedWholeWithASummaryAndNothingStored()
    {
        var body = TaxRecords.Envelope("empties") + "\n" + string.Concat(Enumerable.Repeat("{}\n", 20_000));

        var response = await hub.SendAsync("tax", Feed, Gzip(body, "application/x-ndjson"), hub.Tokens["tax"]);

        Assert.Equal(422, response.Status);
        Assert.Equal("too-many-rejections", response.Json.GetProperty("code").GetString());
        var errors = response.Json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("code").GetString() == "required" && e.GetProperty("path").GetString() == "");
        Assert.True(errors.Count < 50, response.Body);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'empties'"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id = 'empties'"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'feed.refused' AND detail::jsonb->>'code' = 'too-many-rejections'"));
    }

    [Fact]
    public async Task Submit_GoodChunkThenEmptyRecords_StopsAndKeepsWhatWasStored()
    {
        var good = TaxRecords.Records("gte", 0, 150);
        var body = TaxRecords.Ndjson("good-then-empty", good) + string.Concat(Enumerable.Repeat("{}\n", 2_000));

        var response = await hub.PostNdjsonAsync("tax", Feed, body);

        Assert.Equal(422, response.Status);
        Assert.Equal("too-many-rejections", response.Json.GetProperty("code").GetString());
        var stored = await hub.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id = 'good-then-empty'");
        Assert.InRange(stored, 150, 400);
        Assert.Equal(150, await hub.CountAsync("SELECT count(*) FROM source_record WHERE batch_id = 'good-then-empty'"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'good-then-empty' AND completed_at IS NOT NULL"));
    }

    [Fact]
    public async Task Submit_SmallBatchAllRejected_IsReportedNotStopped()
    {
        var body = TaxRecords.Ndjson("few-empties", Enumerable.Repeat("{}", 30).ToArray());

        var response = await hub.PostNdjsonAsync("tax", Feed, body);

        Assert.Equal(200, response.Status);
        Assert.Equal(30, response.Json.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task Submit_GzipThatExpandsToNewlines_RefusedAsCompressionRatio()
    {
        var body = TaxRecords.Envelope("bomb") + "\n" + new string('\n', 3_000_000);

        var response = await hub.SendAsync("tax", Feed, Gzip(body, "application/x-ndjson"), hub.Tokens["tax"]);

        Assert.Equal(413, response.Status);
        Assert.Equal("compression-ratio", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_BodyOverTheBatchByteCap_RefusedAsBatchTooLarge()
    {
        var body = TaxRecords.Envelope("too-large") + "\n" + new string('\n', 500_000);

        var response = await hub.PostNdjsonAsync("tax", Feed, body);

        Assert.Equal(413, response.Status);
        Assert.Equal("batch-too-large", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_GzipOfRealisticRecords_IsNotTakenForABomb()
    {
        var records = Enumerable.Range(0, 600).Select(i => TaxRecords.Record($"gz-{i}", TaxRecords.IdNumber(i + 200))).ToArray();

        var response = await hub.SendAsync("tax", Feed, Gzip(TaxRecords.Ndjson("gzip-real", records), "application/x-ndjson"), hub.Tokens["tax"]);

        Assert.Equal(200, response.Status);
        Assert.Equal(600, response.Json.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Submit_ManyRecordsFailingAlike_StoreTheirErrorListOnceAndReportEachWithItsOwnPointer()
    {
        var sets = await hub.CountAsync("SELECT count(*) FROM intake_problem_set");
        var records = Enumerable.Range(0, 220).Select(i => i % 5 == 0
            ? TaxRecords.Record($"alike-{i}", TaxRecords.IdNumber(i + 400), band: "Q")
            : TaxRecords.Record($"alike-{i}", TaxRecords.IdNumber(i + 400))).ToArray();

        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("alike", records));
        var rejected = await hub.GetAsync("/api/batches/alike/rejected", hub.Tokens["tax"]);

        Assert.Equal(200, response.Status);
        Assert.Equal(44, response.Json.GetProperty("rejected").GetInt32());
        Assert.Equal(sets + 1, await hub.CountAsync("SELECT count(*) FROM intake_problem_set"));
        var last = response.Json.GetProperty("records").EnumerateArray().Last();
        Assert.Equal((216, "/records/215/incomeBand"), (last.GetProperty("line").GetInt32(), last.GetProperty("errors")[0].GetProperty("path").GetString()));
        var fetched = rejected.Json.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(44, fetched.Count);
        Assert.Equal("/records/5/incomeBand", fetched[1].GetProperty("errors")[0].GetProperty("path").GetString());
    }

    private static ByteArrayContent Gzip(string body, string mediaType)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
