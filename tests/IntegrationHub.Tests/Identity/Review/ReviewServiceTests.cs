using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Identity.Review;

public sealed class ReviewServiceTests : IntakeHarnessTests
{
    [Fact]
    public async Task Accept_OpenItem_LinksTheRecordAndASecondDecisionIs409()
    {
        var reviewId = await DoubtAsync(801);

        var listed = await hub.GetAsync("/api/review", hub.Tokens["admin"]);
        var accepted = await hub.PostAdminAsync($"/api/review/{reviewId}/accept");
        var again = await hub.PostAdminAsync($"/api/review/{reviewId}/reject");

        Assert.Contains(listed.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("reviewId").GetInt64() == reviewId);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(1, await hub.LinksAsync("doubt-801", "review"));
        Assert.Equal(409, again.Status);
        Assert.Equal("review-decided", again.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reject_OpenItem_IsRememberedAndTheRecordIsMatchedElsewhere()
    {
        var reviewId = await DoubtAsync(802);

        var rejected = await hub.PostAdminAsync($"/api/review/{reviewId}/reject");
        await hub.RunLinkersAsync();

        Assert.Equal(200, rejected.Status);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM match_rejection WHERE record_id = 'doubt-802'"));
        Assert.Equal(0, await hub.CountAsync(
            "SELECT count(*) FROM person_link l JOIN review_item r USING (record_id) WHERE r.review_id = " + reviewId + " AND l.person_id = r.person_id"));
    }

    [Fact]
    public async Task Accept_RecordCorrectedMeanwhile_Is409Stale()
    {
        var reviewId = await DoubtAsync(803);
        var id = TaxRecords.IdNumber(803);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("doubt-fix-803", "doubt-803", id, "周杰", "1971-02-02"));

        var response = await hub.PostAdminAsync($"/api/review/{reviewId}/accept");

        Assert.Equal(409, response.Status);
        Assert.Equal("review-stale", response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Merge_TwoPersons_ExportFollowsTheSurvivorAndUnmergeUndoesIt()
    {
        var (a, b) = (await PersonAsync(811, "钱多多"), await PersonAsync(812, "钱多"));

        var self = await hub.PostAdminAsync($"/api/persons/{a}/merge", $$"""{"into":"{{a}}"}""");
        var merged = await hub.PostAdminAsync($"/api/persons/{a}/merge", $$"""{"into":"{{b}}"}""");
        var intoMergedAway = await hub.PostAdminAsync($"/api/persons/{b}/merge", $$"""{"into":"{{a}}"}""");
        var exported = await hub.GetAsync("/api/admin/links", hub.Tokens["admin"]);
        var unmerged = await hub.PostAdminAsync($"/api/persons/{a}/unmerge");

        Assert.Equal(400, self.Status);
        Assert.Equal(200, merged.Status);
        Assert.Equal(409, intoMergedAway.Status);
        Assert.Equal("merged-away", intoMergedAway.Json.GetProperty("code").GetString());
        Assert.Contains($"\"recordId\":\"hh-811\",\"personId\":\"{b}\"", exported.Body, StringComparison.Ordinal);
        Assert.Equal(200, unmerged.Status);
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM person WHERE person_id = {a[1..]} AND merged_into IS NULL"));
    }

    [Fact]
    public async Task Split_SomeRecords_MakeANewPersonAndSplittingAllIs409()
    {
        var person = await PersonAsync(821, "孙丽");
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("split-tax-821", TaxRecords.Record("tx-821", TaxRecords.IdNumber(821))));
        await hub.RunLinkersAsync();
        const string taxRecord = """{"department":"tax","feed":"wage-withholding","recordId":"tx-821"}""";
        const string psRecord = """{"department":"ps","feed":"household-registration","recordId":"hh-821"}""";

        var all = await hub.PostAdminAsync($"/api/persons/{person}/split", $$"""{"records":[{{taxRecord}},{{psRecord}}]}""");
        var stranger = await hub.PostAdminAsync($"/api/persons/{person}/split",
            """{"records":[{"department":"tax","feed":"wage-withholding","recordId":"nobody"}]}""");
        var split = await hub.PostAdminAsync($"/api/persons/{person}/split", $$"""{"records":[{{taxRecord}}]}""");

        Assert.Equal(409, all.Status);
        Assert.Equal("split-empties-person", all.Json.GetProperty("code").GetString());
        Assert.Equal(400, stranger.Status);
        Assert.Equal(200, split.Status);
        var created = split.Json.GetProperty("splitInto").GetString()!;
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM person_link WHERE record_id = 'tx-821' AND person_id = {created[1..]}"));
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE action = 'person.split' AND subject = '{person}'"));
    }

    [Fact]
    public async Task Review_DepartmentToken_Is403()
    {
        var response = await hub.GetAsync("/api/review", hub.Tokens["hr"]);

        Assert.Equal(403, response.Status);
    }

    private async Task<string> PersonAsync(int n, string name)
    {
        var id = TaxRecords.IdNumber(n);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"ps-{n}", $"hh-{n}", id, name, Households.BirthDate(id)));
        await hub.RunLinkersAsync();
        return PersonId.Format(await hub.PersonOfAsync($"hh-{n}"));
    }

    /// <summary>A valid number whose name and birth date both disagree with its person: the deterministic rule's doubt.</summary>
    private async Task<long> DoubtAsync(int n)
    {
        var id = TaxRecords.IdNumber(n);
        await PersonAsync(n + 1000, "placeholder");
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"doubt-a-{n}", $"hh-d-{n}", id, "王芳", Households.BirthDate(id)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"doubt-b-{n}", $"doubt-{n}", id, "赵强", "1970-01-01"));
        await hub.RunLinkersAsync();
        return await hub.CountAsync($"SELECT review_id FROM review_item WHERE record_id = 'doubt-{n}'");
    }
}
