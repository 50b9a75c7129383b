namespace IntegrationHub.Tests.Handler.Api.Feeds;

/// <summary>Batches taken: replayed, corrected, partly rejected, compressed, through either door; refusals are in
/// <see cref="SubmitFeedRefusalTests"/>.</summary>
public sealed class SubmitFeedFunctionTests() : IntakeHarnessTests(Limits())
{
    private const string Feed = "wage-withholding";

    /// <summary>Small limits, so that a test reaches them with a few records; <see cref="SubmitFeedRefusalTests"/> runs under
    /// the same.</summary>
    internal static Dictionary<string, string?> Limits() =>
        new() { ["Intake:MaxJsonBodyBytes"] = "20000", ["Intake:MaxRecordsPerBatch"] = "50", ["Intake:ChunkSize"] = "7" };

    [Fact]
    public async Task Submit_SameBatchTwice_ReturnsTheFirstReportAndWritesNothing()
    {
        var body = TaxRecords.Json("twice-1", TaxRecords.Record("tw-1", TaxRecords.IdNumber(1)), TaxRecords.Record("tw-2", TaxRecords.IdNumber(2)));
        var first = await hub.PostJsonAsync("tax", Feed, body);
        var rows = await hub.CountAsync("SELECT count(*) FROM source_record") + await hub.CountAsync("SELECT count(*) FROM intake_line");

        var second = await hub.PostJsonAsync("tax", Feed, body);

        Assert.Equal(200, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(rows, await hub.CountAsync("SELECT count(*) FROM source_record") + await hub.CountAsync("SELECT count(*) FROM intake_line"));
    }

    [Fact]
    public async Task Submit_SameBatchIdDifferentContent_Returns409()
    {
        await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("conflict-1", TaxRecords.Record("cf-1", TaxRecords.IdNumber(3))));

        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("conflict-1", TaxRecords.Record("cf-1", TaxRecords.IdNumber(3), band: "C")));

        Assert.Equal(409, response.Status);
        Assert.Equal("batch-conflict", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_RecordIdAgain_NewContentIsANewVersionAndSameContentIsUnchanged()
    {
        var id = TaxRecords.IdNumber(4);
        await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("corr-1", TaxRecords.Record("corr-r", id, band: "A")));

        var correction = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("corr-2", TaxRecords.Record("corr-r", id, band: "B")));
        var repeat = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("corr-3", TaxRecords.Record("corr-r", id, band: "B")));

        Assert.Equal(1, correction.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(1, repeat.Json.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, repeat.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(2, await hub.CountAsync("SELECT count(*) FROM source_record WHERE record_id = 'corr-r'"));
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM source_record WHERE record_id = 'corr-r' AND version = 1 AND payload->>'incomeBand' = 'A'"));
        Assert.Equal(2, await hub.CountAsync("SELECT version FROM source_record_current WHERE record_id = 'corr-r'"));
    }

    [Fact]
    public async Task Submit_NdjsonWithALineThatIsNotJson_RejectsThatLineByNumberAndTakesTheRest()
    {
        var body = TaxRecords.Ndjson("nd-bad-line", TaxRecords.Record("nd-1", TaxRecords.IdNumber(5)), "{ not json", "",
            TaxRecords.Record("nd-2", TaxRecords.IdNumber(6)));

        var response = await hub.PostNdjsonAsync("tax", Feed, body);

        var rejected = response.SingleRejected(accepted: 2);
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Equal("json", rejected.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_BadFields_RejectsEachWithItsPointerAndCode()
    {
        var good = TaxRecords.Record("f-0", TaxRecords.IdNumber(8));
        var body = TaxRecords.Json("fields-1",
            good.Replace("\"incomeBand\":\"B\"", "\"incomeBand\":2", StringComparison.Ordinal).Replace("f-0", "f-1", StringComparison.Ordinal),
            good.Replace("\"name\":\"李娜\"", "\"name\":\"李娜\",\"nmae\":\"x\"", StringComparison.Ordinal).Replace("f-0", "f-2", StringComparison.Ordinal),
            good.Replace("\"name\":\"李娜\"", "\"name\":\"   \u3000 \"", StringComparison.Ordinal).Replace("f-0", "f-3", StringComparison.Ordinal),
            good.Replace(TaxRecords.IdNumber(8), TaxRecords.IdNumber(8) + "1", StringComparison.Ordinal).Replace("f-0", "f-4", StringComparison.Ordinal));

        var response = await hub.PostJsonAsync("tax", Feed, body);

        Assert.Equal(200, response.Status);
        Assert.Equal(4, response.Json.GetProperty("rejected").GetInt32());
        var errors = response.Json.GetProperty("records").EnumerateArray()
            .SelectMany(r => r.GetProperty("errors").EnumerateArray()
                .Select(e => $"{r.GetProperty("recordId").GetString()} {e.GetProperty("path").GetString()} {e.GetProperty("code").GetString()}"))
            .ToList();
        Assert.Contains("f-1 /records/0/incomeBand type", errors);
        Assert.Contains("f-2 /records/1/nmae unknown-field", errors);
        Assert.Contains("f-3 /records/2/name name-empty", errors);
        Assert.Contains("f-4 /records/3/idNumber pattern", errors);
    }

    [Fact]
    public async Task Submit_GzipNdjson_IsDecodedAndAccepted()
    {
        var text = TaxRecords.Ndjson("gz-1", TaxRecords.Record("gz-r1", TaxRecords.IdNumber(9)), TaxRecords.Record("gz-r2", TaxRecords.IdNumber(10)));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await hub.SendAsync("tax", Feed, content, hub.Tokens["tax"]);

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(2, response.Json.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Submit_IdentityNumbers_AreNeitherInTheReportNorStoredInClear()
    {
        var valid = TaxRecords.IdNumber(11);
        var mistyped = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var body = TaxRecords.Json("pii-1", TaxRecords.Record("pii-1", valid), TaxRecords.Record("pii-2", mistyped),
            TaxRecords.Record(valid, valid, band: "Z"));

        var response = await hub.PostJsonAsync("tax", Feed, body);

        Assert.Equal(200, response.Status);
        Assert.Contains("invalid-id", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(valid[..17], response.Body, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync($"SELECT count(*) FROM source_record WHERE payload::text LIKE '%{valid[..17]}%'"));
        Assert.Equal(0, await hub.CountAsync($"SELECT count(*) FROM intake_problem_set WHERE problems::text LIKE '%{valid[..17]}%'"));
        var protector = hub.Server.Services.GetRequiredService<IdentityProtector>();
        await using var command = hub.DataSource.CreateCommand(
            "SELECT id_number_cipher, id_number_valid FROM source_record WHERE id_number_index = @index");
        command.Parameters.AddWithValue("index", protector.BlindIndex(valid));
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(valid, protector.Decrypt((byte[])reader[0], "source_record.id_number"));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public async Task Invoke_FunctionsHostEnvelope_ReachesTheSameIntake()
    {
        var batch = TaxRecords.Json("host-1", TaxRecords.Record("host-r1", TaxRecords.IdNumber(15)));
        var envelope = System.Text.Json.JsonSerializer.Serialize(new
        {
            Data = new
            {
                req = new
                {
                    Url = "https://hub.example/api/feeds/tax/wage-withholding",
                    Method = "POST",
                    Query = new { },
                    Headers = new Dictionary<string, string[]>
                    {
                        ["Authorization"] = [$"Bearer {hub.Tokens["tax"]}"],
                        ["Content-Type"] = ["application/json; charset=utf-8"],
                    },
                    Params = new { department = "tax", feed = "wage-withholding" },
                    Body = batch,
                },
            },
            Metadata = new { sys = new { MethodName = "SubmitFeed" } },
        });

        using var response = await hub.Server.Client.PostAsync(new Uri("/SubmitFeed", UriKind.Relative),
            new StringContent(envelope, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var reply = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var res = reply.RootElement.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        using var report = System.Text.Json.JsonDocument.Parse(res.GetProperty("body").GetString()!);
        Assert.Equal(1, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM source_record WHERE batch_id = 'host-1'"));
    }

    [Fact]
    public async Task BatchReport_OwnBatch_ReturnsTheSameReportAndOthersSeeNothing()
    {
        var submitted = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("read-1", TaxRecords.Record("rd-1", TaxRecords.IdNumber(12))));

        var own = await hub.GetAsync("/api/batches/read-1", hub.Tokens["tax"]);
        var other = await hub.GetAsync("/api/batches/read-1", hub.Tokens["edu"]);

        Assert.Equal(200, own.Status);
        Assert.Equal(submitted.Json.GetProperty("accepted").GetInt32(), own.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(submitted.Json.GetProperty("completedAt").GetString(), own.Json.GetProperty("completedAt").GetString());
        Assert.Equal(404, other.Status);
    }

    [Fact]
    public async Task RejectedRecords_OwnBatch_ReturnsTheRecordAsSentWithItsErrors()
    {
        var bad = TaxRecords.Record("rj-1", TaxRecords.IdNumber(13), band: "Q");
        await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("rejects-1", bad, TaxRecords.Record("rj-2", TaxRecords.IdNumber(14))));

        var response = await hub.GetAsync("/api/batches/rejects-1/rejected", hub.Tokens["tax"]);

        Assert.Equal(200, response.Status);
        var record = Assert.Single(response.Json.GetProperty("records").EnumerateArray());
        Assert.Equal(bad, record.GetProperty("raw").GetString());
        Assert.Equal("enum", record.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'rejected.read'"));
    }

    [Fact]
    public async Task Submit_TwoBatchesCorrectingTheSameRecordsAtOnce_GiveOneVersionEach()
    {
        var ids = Enumerable.Range(100, 30).Select(i => (Record: $"race-{i}", Id: TaxRecords.IdNumber(i))).ToArray();
        var first = TaxRecords.Json("race-a", ids.Select(x => TaxRecords.Record(x.Record, x.Id, band: "A")).ToArray());
        var second = TaxRecords.Json("race-b", ids.Reverse().Select(x => TaxRecords.Record(x.Record, x.Id, band: "C")).ToArray());

        var results = await Task.WhenAll(hub.PostJsonAsync("tax", Feed, first), hub.PostJsonAsync("tax", Feed, second));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(60, await hub.CountAsync("SELECT count(*) FROM source_record WHERE record_id LIKE 'race-%'"));
        Assert.Equal(30, await hub.CountAsync("SELECT count(*) FROM source_record_current WHERE record_id LIKE 'race-%' AND version = 2"));
    }
}
