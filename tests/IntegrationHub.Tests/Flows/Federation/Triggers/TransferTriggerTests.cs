using IntegrationHub.Tests.Flows.Federation.Transfers;

namespace IntegrationHub.Tests.Flows.Federation.Triggers;

/// <summary>Transfers asked for by the departments' records through real feeds at A (Chongqing): a public-security
/// <c>move-out</c> or a social-insurance <c>transferred-out</c> whose <c>toRegion</c> (the proposed catalogue field) lies in
/// B's province (Sichuan).</summary>
public sealed class TransferTriggerTests(PeerHubsFixture fixture) : PeerHubsFixtureTests(fixture)
{
    [Fact]
    public async Task Trigger_MoveOutAndTransferredOutNamingThePeer_OneTransferPerPersonOthersNothing()
    {
        var moving = TaxRecords.IdNumber(841);
        var noRegion = TaxRecords.IdNumber(842);
        var elsewhere = TaxRecords.IdNumber(843);
        var insured = TaxRecords.IdNumber(844);
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "ps", "household-registration",
            Household("HHT841", moving, "510107"), Household("HHT842", noRegion, null), Household("HHT843", elsewhere, "440106"));
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "hr", "social-insurance",
            Insurance("SIT844P", insured, "pension", "510104"), Insurance("SIT844M", insured, "medical", "510104"));

        await TransferSteps.WaitCountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM transfer_trigger WHERE record_id IN ('HHT841', 'HHT843', 'SIT844P', 'SIT844M')", 4, 60);
        var movingId = await TransferIdAsync("HHT841");
        var atA = await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, movingId, "accepted");
        Assert.Equal("ps/move-out", (string?)atA["trigger"]);
        Assert.StartsWith("户籍迁出至 510107（ps/household-registration HHT841", (string?)atA["reason"], StringComparison.Ordinal);
        Assert.Equal(await TransferSteps.PersonOfAsync(Hubs.DatabaseA, "HHT841"), (string?)atA["personId"]);
        Assert.Equal("accepted", (string?)(await TransferSteps.ReadAsync(Hubs.B!, Hubs.AdminTokenB, movingId))!["status"]);

        // The insured person's two records: one transfer; the second record is noted with why it asked for none.
        var insuredPerson = await TransferSteps.PersonOfAsync(Hubs.DatabaseA, "SIT844P");
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM transfer WHERE person_id = substr(@p, 2)::bigint AND trigger = 'hr/transferred-out'", ("p", insuredPerson)));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM transfer_trigger WHERE record_id LIKE 'SIT844_' AND outcome = 'requested'"));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM transfer_trigger WHERE record_id LIKE 'SIT844_' AND outcome IN ('refused:transfer-in-progress', 'refused:transferred-out')"));

        // No toRegion: not a candidate. A region of no peer: noted, nothing requested.
        Assert.Equal(0, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer_trigger WHERE record_id = 'HHT842'"));
        Assert.Equal("not-a-peer", await OutcomeAsync("HHT843"));
        foreach (var record in new[] { "HHT842", "HHT843" })
        {
            Assert.Equal(0, await TransferSteps.CountAsync(Hubs.DatabaseA,
                "SELECT count(*) FROM transfer WHERE person_id = substr(@p, 2)::bigint", ("p", await TransferSteps.PersonOfAsync(Hubs.DatabaseA, record))));
        }

        // A correction of the move-out, then a later record: by the time the later one is taken, the correction was seen.
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "ps", "household-registration", Household("HHT841", moving, "510107", "重庆市渝中区解放碑"));
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "ps", "household-registration", Household("HHT845", TaxRecords.IdNumber(845), "440106"));
        await TransferSteps.WaitCountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer_trigger WHERE record_id = 'HHT845'", 1, 60);
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer WHERE trigger = 'ps/move-out'"));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer_trigger WHERE record_id = 'HHT841'"));
    }

    [Theory]
    [InlineData("999999", "region-unknown")]
    [InlineData("51A107", null)]
    public async Task Intake_MoveOutWithABadToRegion_RejectedWithItsPointer(string toRegion, string? code)
    {
        var report = await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "ps", "household-registration",
            Household("HHT85" + toRegion[^1], TaxRecords.IdNumber(850), toRegion));

        Assert.Equal(1, (int)report["rejected"]!);
        var error = report["records"]![0]!["errors"]!.AsArray().Single(e => ((string)e!["path"]!).EndsWith("/toRegion", StringComparison.Ordinal))!;
        if (code is not null)
        {
            Assert.Equal(code, (string?)error["code"]);
        }
    }

    private async Task<string> TransferIdAsync(string recordId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(Hubs.DatabaseA);
        await using var command = dataSource.CreateCommand("SELECT transfer_id::text FROM transfer_trigger WHERE record_id = @r");
        command.Parameters.AddWithValue("r", recordId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> OutcomeAsync(string recordId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(Hubs.DatabaseA);
        await using var command = dataSource.CreateCommand("SELECT outcome FROM transfer_trigger WHERE record_id = @r");
        command.Parameters.AddWithValue("r", recordId);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static JsonObject Household(string recordId, string idNumber, string? toRegion, string address = "重庆市渝中区解放碑街道民族路1号")
    {
        var record = new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = idNumber, ["name"] = "刘洋", ["gender"] = Gender(idNumber),
            ["birthDate"] = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}", ["ethnicity"] = "01", ["hukouRegion"] = "500103",
            ["hukouAddress"] = address, ["householdNumber"] = "500103" + recordId[^3..] + "001", ["changeType"] = "move-out",
            ["changeDate"] = "2026-11-18",
        };
        if (toRegion is not null)
        {
            record["toRegion"] = toRegion;
        }

        return record;
    }

    private static JsonObject Insurance(string recordId, string idNumber, string type, string toRegion) => new()
    {
        ["recordId"] = recordId, ["idNumber"] = idNumber, ["name"] = "陈静", ["insuranceType"] = type, ["period"] = "2026-11",
        ["status"] = "transferred-out", ["insuredRegion"] = "500103", ["toRegion"] = toRegion,
    };

    private static string Gender(string idNumber) => (idNumber[16] - '0') % 2 == 1 ? "1" : "2";
}
