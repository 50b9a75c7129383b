namespace IntegrationHub.Tests.Identity.Consolidation;

public sealed class PersonConsolidationTests() : IntakeHarnessTests(
    new Dictionary<string, string?> { ["Identity:Matching:FormerNumberInterval"] = "00:00:00" })
{
    private const string OtherEmployer = "91500103MA5U8K3P5W";

    [Fact]
    public async Task Link_RecordsOnAFormerNumberFoundedAPerson_MergedWhenPublicSecurityReportsTheChange()
    {
        var former = TaxRecords.IdNumber(901);
        var current = TaxRecords.IdNumber(902);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-901", TaxRecords.Record("tax-901", former, name: "周杰")));
        await hub.RunLinkersAsync();

        await hub.PostJsonAsync("ps", "household-registration", NumberChange("hh-902", current, former, "周杰"));
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.CountAsync("""
            SELECT count(*) FROM person_link a JOIN person p ON p.person_id = a.person_id JOIN person_link b ON b.person_id = p.merged_into
            WHERE a.record_id = 'tax-901' AND b.record_id = 'hh-902'
            """));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'person.merge' AND detail::jsonb->>'rule' = 'former-number'"));
    }

    [Fact]
    public async Task Link_FormerNumberHeldBySomeoneWithAnotherNameAndBirthDate_NotMerged()
    {
        var former = TaxRecords.IdNumber(903);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ps-903", "hh-903", former, "吴敏", "1970-02-02"));
        await hub.RunLinkersAsync();

        await hub.PostJsonAsync("ps", "household-registration", NumberChange("hh-904", TaxRecords.IdNumber(904), former, "周杰"));
        await hub.RunLinkersAsync();

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM person WHERE merged_into IS NOT NULL"));
    }

    [Fact]
    public async Task Link_NumberlessPersonLaterSeenUnderANumberAtTheSameEmployer_MergedAndWaitingReviewsMatchedAgain()
    {
        var id = TaxRecords.IdNumber(905);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-905a", NumberlessTax("tax-905-early", "周杰")));
        await hub.RunLinkersAsync();
        Assert.Equal(1, await hub.LinksAsync("tax-905-early", "new-person"));

        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ps-905", "hh-905", id, "周杰", Households.BirthDate(id)));
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-905b",
            TaxRecords.Record("tax-905-numbered", id, name: "周杰"), NumberlessTax("tax-905-late", "周杰")));
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.CountAsync("""
            SELECT count(*) FROM person_link a JOIN person p ON p.person_id = a.person_id JOIN person_link b ON b.person_id = p.merged_into
            WHERE a.record_id = 'tax-905-early' AND b.record_id = 'hh-905'
            """));
        Assert.Equal(1, await hub.LinksToPersonOfAsync("tax-905-late", "hh-905"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM review_item WHERE decided_at IS NULL"));
    }

    [Fact]
    public async Task Link_NumberlessPersonMatchesTwoNamesakesAtTheEmployer_StaysItsOwnPerson()
    {
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-906a", NumberlessTax("tax-906-early", "周杰")));
        await hub.RunLinkersAsync();

        var first = TaxRecords.IdNumber(906);
        var second = TaxRecords.IdNumber(907);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-906b",
            TaxRecords.Record("tax-906", first, name: "周杰"), TaxRecords.Record("tax-907", second, name: "周杰")));
        await hub.RunLinkersAsync();

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM person WHERE merged_into IS NOT NULL"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM person_recheck"));
    }

    [Fact]
    public async Task Link_NumberlessPersonAtAnotherEmployer_NotMerged()
    {
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-908a", NumberlessTax("tax-908-early", "周杰", OtherEmployer[..^1] + "Y")));
        await hub.RunLinkersAsync();

        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("cons-908b", TaxRecords.Record("tax-908", TaxRecords.IdNumber(908), name: "周杰")));
        await hub.RunLinkersAsync();

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM person WHERE merged_into IS NOT NULL"));
    }

    private static string NumberlessTax(string recordId, string name, string employer = TaxRecords.Employer) =>
        $$"""{"recordId":"{{recordId}}","name":"{{name}}","employerCreditCode":"{{employer}}","employerName":"重庆某科技有限公司","period":"2026-05","incomeType":"wages","incomeBand":"B"}""";

    private static string NumberChange(string recordId, string id, string former, string name)
    {
        var batch = JsonNode.Parse(Households.Batch("ps-" + recordId, recordId, id, name, Households.BirthDate(id)))!.AsObject();
        var record = batch["records"]![0]!.AsObject();
        record["formerIdNumber"] = former;
        record["changeType"] = "number-change";
        return batch.ToJsonString();
    }
}
