namespace IntegrationHub.Tests.Intake;

public sealed class IntakeConfigurationTests
{
    // Check character deliberately wrong (the right one is W): stands for an early pilot code issued before GB 32100.
    private const string PilotCode = "91500103MA5U8K3P5A";

    [Fact]
    public async Task Submit_PilotCreditCodeOnTheExceptionList_IsAccepted()
    {
        await using var hub = await IntakeHarness.StartAsync("pilot_codes",
            new Dictionary<string, string?> { ["Intake:CreditCodeExceptions:0"] = PilotCode });
        var record = TaxRecords.Record("pilot-1", TaxRecords.IdNumber(1)).Replace(TaxRecords.Employer, PilotCode, StringComparison.Ordinal);
        var other = TaxRecords.Record("pilot-2", TaxRecords.IdNumber(2)).Replace(TaxRecords.Employer, "91500103MA5U8K3P5B", StringComparison.Ordinal);

        var response = await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("pilot-batch", record, other));

        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(response.Json.GetProperty("records").EnumerateArray());
        Assert.Equal("pilot-2", rejected.GetProperty("recordId").GetString());
        Assert.Equal("credit-code", rejected.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_WithoutReferenceData_SkipsOnlyTheRegionChecks()
    {
        await using var hub = await IntakeHarness.StartAsync("no_reference",
            new Dictionary<string, string?> { ["Intake:ReferenceDataDirectory"] = Path.Combine(Path.GetTempPath(), "no-such-reference-data") });
        var region = IntakeHarness.Sample("hr", "employment-registration", "valid");
        var unknownRegion = region.Replace("\"registrationRegion\": \"500103\"", "\"registrationRegion\": \"999999\"", StringComparison.Ordinal);
        Assert.NotEqual(region, unknownRegion);
        var badCredit = TaxRecords.Record("noref-1", TaxRecords.IdNumber(3)).Replace(TaxRecords.Employer, "91500103MA5U8K3P5B", StringComparison.Ordinal);

        var hr = await hub.PostJsonAsync("hr", "employment-registration", unknownRegion);
        var tax = await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("noref-batch", badCredit));

        Assert.Equal(0, hr.Json.GetProperty("rejected").GetInt32());
        Assert.Equal(1, tax.Json.GetProperty("rejected").GetInt32());
    }
}
