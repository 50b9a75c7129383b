namespace IntegrationHub.Tests.Handler.Api.Feeds;

/// <summary>Bytes a department's credential can send that once broke a batch for good: each is now one record's rejection.</summary>
public sealed class HostileBodyTests() : IntakeHarnessTests(
    new Dictionary<string, string?> { ["Intake:ChunkSize"] = "7", ["Intake:RejectionStopAfter"] = "1000" })
{
    private const string Feed = "wage-withholding";

    /// <summary>Each hostile field, in a JSON batch and in an NDJSON one.</summary>
    public static TheoryData<string, string, string, string> HostileFields()
    {
        (string Label, string Field, string Code)[] fields =
        [
            ("lone-surrogate", "\"name\":\"李\\ud800娜\"", "encoding"),
            ("nul", "\"name\":\"李\\u0000娜\"", "control-character"),
            ("nul-in-employer", "\"employerName\":\"某公司\\u0000\"", "control-character"),
            ("bell", "\"employerName\":\"某公司\\u0007\"", "control-character"),
            ("c1", "\"employerName\":\"某公司\\u0085\"", "control-character"),
            ("duplicate", "\"name\":\"李娜\",\"name\":\"王芳\"", "duplicate-key"),
        ];
        var data = new TheoryData<string, string, string, string>();
        foreach (var format in new[] { "json", "ndjson" })
        {
            foreach (var (label, field, code) in fields)
            {
                data.Add(format, label, field, code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileFields))]
    public async Task Submit_RecordWithHostileText_RejectsThatRecordAndStoresTheRest(string format, string label, string field, string code)
    {
        var ndjson = format == "ndjson";
        var batchId = (ndjson ? "hn-" : "hj-") + label;
        var person = ndjson ? 4 : 1;
        string[] records = [Good($"{batchId}-1", person), Hostile($"{batchId}-2", person + 1, field), Good($"{batchId}-3", person + 2)];

        var response = ndjson
            ? await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson(batchId, records))
            : await hub.PostJsonAsync("tax", Feed, TaxRecords.Json(batchId, records));

        // A JSON record's line is its place in the batch; an NDJSON line counts the envelope as line 1.
        var rejected = response.SingleRejected(accepted: 2);
        Assert.Equal(ndjson ? 3 : 2, rejected.GetProperty("line").GetInt32());
        var error = rejected.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.StartsWith(ndjson ? "/" : "/records/1/", error.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NdjsonLineWithInvalidUtf8_RejectsThatLineAsEncodingAndStoresTheRest()
    {
        var bytes = Concat(Encoding.UTF8.GetBytes(TaxRecords.Ndjson("bad-utf8", Good("bu-1", 7))),
            Encoding.UTF8.GetBytes(Good("bu-2", 8).Replace("李娜", "李X", StringComparison.Ordinal)).Select(b => b == (byte)'X' ? (byte)0xFF : b).ToArray(),
            "\n"u8.ToArray(), Encoding.UTF8.GetBytes(Good("bu-3", 9) + "\n"));

        var response = await hub.SendAsync("tax", Feed, Content(bytes, "application/x-ndjson"), hub.Tokens["tax"]);

        var rejected = response.SingleRejected(accepted: 2);
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Equal("encoding", rejected.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_JsonRecordWithInvalidUtf8_RejectsThatRecordAsEncoding()
    {
        var text = TaxRecords.Json("bad-utf8-json", Good("bj-1", 10), Good("bj-2", 11).Replace("李娜", "李X", StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(text).Select(b => b == (byte)'X' ? (byte)0xC3 : b).ToArray();

        var response = await hub.SendAsync("tax", Feed, Content(bytes, "application/json"), hub.Tokens["tax"]);

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        Assert.Equal("encoding", response.Json.GetProperty("records")[0].GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_HostileRecordInALaterChunk_CompletesAndTheSameBatchAgainGivesTheSameReport()
    {
        var lines = Enumerable.Range(0, 20).Select(i => i == 12 ? Hostile("chunk-12", 12, "\"name\":\"\\u0000\"") : Good($"chunk-{i}", 20 + i)).ToArray();
        var body = TaxRecords.Ndjson("chunk-hostile", lines);

        var first = await hub.PostNdjsonAsync("tax", Feed, body);
        var again = await hub.PostNdjsonAsync("tax", Feed, body);

        Assert.Equal(200, first.Status);
        Assert.Equal("complete", first.Json.GetProperty("status").GetString());
        Assert.Equal(19, first.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(14, first.Json.GetProperty("records")[0].GetProperty("line").GetInt32());
        Assert.Equal(first.Body, again.Body);
    }

    [Theory]
    [InlineData("\"batchId\":\"env-nul\\u0000\"", "/batchId", "control-character")]
    [InlineData("\"batchId\":\"env-sur\\udc00\"", "/batchId", "encoding")]
    [InlineData("\"batchId\":\"env-newline\\n\"", "/batchId", "pattern")]
    [InlineData("\"batchId\":\"env-region\",\"region\":\"500000\\n\"", "/region", "pattern")]
    [InlineData("\"batchId\":\"env-dup\",\"batchId\":\"env-dup-2\"", "/batchId", "duplicate-key")]
    [InlineData("\"batchId\":\"tax-500103199001011234\"", "/batchId", "personal-data")]
    public async Task Submit_EnvelopeWithHostileOrPersonalText_Returns400WithPointerAndStoresNothing(string fields, string path, string code)
    {
        var before = await hub.CountAsync("SELECT count(*) FROM intake_batch");
        var body = "{" + fields + ",\"schemaVersion\":\"1\",\"extractedAt\":\"2026-11-20T18:00:00+08:00\"" +
                   (fields.Contains("region", StringComparison.Ordinal) ? "" : ",\"region\":\"500000\"") + ",\"records\":[" + Good("env-1", 30) + "]}";

        var json = await hub.PostJsonAsync("tax", Feed, body);
        var ndjson = await hub.PostNdjsonAsync("tax", Feed, body.Replace(",\"records\":[" + Good("env-1", 30) + "]}", "}", StringComparison.Ordinal)
            + "\n" + Good("env-1", 30) + "\n");

        foreach (var response in new[] { json, ndjson })
        {
            Assert.Equal(400, response.Status);
            Assert.Equal("envelope-invalid", response.Json.GetProperty("code").GetString());
            Assert.Contains(response.Json.GetProperty("errors").EnumerateArray(),
                e => e.GetProperty("path").GetString() == path && e.GetProperty("code").GetString() == code);
            Assert.DoesNotContain("500103199001011234", response.Body, StringComparison.Ordinal);
        }

        Assert.Equal(before, await hub.CountAsync("SELECT count(*) FROM intake_batch"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE subject LIKE '%500103199001011234%' OR detail::text LIKE '%500103199001011234%'"));
    }

    [Fact]
    public async Task Submit_BatchIdWithATimestampNotAnIdentityNumber_IsAccepted()
    {
        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("tax-20261120180000123", Good("ts-1", 31)));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Submit_UnknownFieldNamedLikeAnIdentityNumber_WithholdsTheNameInReportAndStore()
    {
        var number = TaxRecords.IdNumber(32);
        var record = Good("unk-id", 33)[..^1] + $",\"{number}\":\"x\"}}";

        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("unknown-id-field", record));

        Assert.Equal(200, response.Status);
        var error = response.Json.GetProperty("records")[0].GetProperty("errors")[0];
        Assert.Equal("unknown-field", error.GetProperty("code").GetString());
        Assert.Equal("/records/0/(withheld)", error.GetProperty("path").GetString());
        Assert.DoesNotContain(number, response.Body, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync($"SELECT count(*) FROM intake_batch WHERE report::text LIKE '%{number}%'"));
        Assert.Equal(0, await hub.CountAsync($"SELECT count(*) FROM intake_problem_set WHERE problems::text LIKE '%{number}%'"));
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData("\u200E\u200F\uFEFF")]
    [InlineData("\u0301\u0308")]
    [InlineData(" \u2060 \u00AD ")]
    public async Task Submit_NameOfInvisibleCharactersOnly_RejectedAsNameEmpty(string name)
    {
        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json($"invisible-{(int)name.Trim()[0]:x}",
            TaxRecords.Record("inv-1", TaxRecords.IdNumber(34), name: name)));

        Assert.Equal(200, response.Status);
        var error = Assert.Single(response.Json.GetProperty("records")[0].GetProperty("errors").EnumerateArray());
        Assert.Equal("name-empty", error.GetProperty("code").GetString());
        Assert.Equal("/records/0/name", error.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Submit_NameWithInvisibleCharactersInside_StoresTheNameWithoutThem()
    {
        var response = await hub.PostJsonAsync("tax", Feed, TaxRecords.Json("invisible-inside",
            TaxRecords.Record("inv-2", TaxRecords.IdNumber(35), name: "\u200F李\u200B娜\uFEFF")));

        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM source_record WHERE record_id = 'inv-2' AND payload->>'name' = '李娜'"));
    }

    [Theory]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    public async Task Submit_SameNdjsonWithOtherLineEnds_ReturnsTheFirstReport(string lineEnd, bool finalNewline)
    {
        var batchId = $"line-ends-{lineEnd.Length}-{finalNewline}";
        var body = TaxRecords.Ndjson(batchId, Good($"{batchId}-1", 36), Good($"{batchId}-2", 37));
        var first = await hub.PostNdjsonAsync("tax", Feed, body);
        var again = body.Replace("\n", lineEnd, StringComparison.Ordinal);
        again = finalNewline ? again : again[..^lineEnd.Length];

        var second = await hub.PostNdjsonAsync("tax", Feed, again);

        Assert.Equal(200, second.Status);
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task Submit_NdjsonWithALineChanged_IsStillAConflict()
    {
        await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson("changed-line", Good("chg-1", 38), Good("chg-2", 39)));

        var response = await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson("changed-line", Good("chg-1", 38), Good("chg-2", 40)));

        Assert.Equal(409, response.Status);
    }

    [Theory]
    [InlineData("text/plain", null, 415)]
    [InlineData("application/json", "br", 415)]
    public async Task Submit_RefusedBeforeReading_IsAudited(string mediaType, string? contentEncoding, int status)
    {
        var before = await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE action = 'feed.refused' AND detail::jsonb->>'status' = '{status}'");
        var content = new StringContent(TaxRecords.Json("refused-1", Good("rf-1", 41)), Encoding.UTF8, mediaType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        var response = await hub.SendAsync("tax", Feed, content, hub.Tokens["tax"]);

        Assert.Equal(status, response.Status);
        Assert.Equal(before + 1, await hub.CountAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'feed.refused' AND detail::jsonb->>'status' = '{status}'"));
    }

    private static string Good(string recordId, int person) => TaxRecords.Record(recordId, TaxRecords.IdNumber(person));

    /// <summary>A good record with its name (or, for an employerName field, its employer name) replaced by <paramref name="field"/>.</summary>
    private static string Hostile(string recordId, int person, string field) => field.StartsWith("\"employerName\"", StringComparison.Ordinal)
        ? Good(recordId, person).Replace("\"employerName\":\"重庆某科技有限公司\"", field, StringComparison.Ordinal)
        : Good(recordId, person).Replace("\"name\":\"李娜\"", field, StringComparison.Ordinal);

    private static ByteArrayContent Content(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
