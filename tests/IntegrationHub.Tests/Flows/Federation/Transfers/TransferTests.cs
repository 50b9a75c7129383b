using IntegrationHub.Tests.Labor;
using IntegrationHub.Tests.Labor.Graduates;

namespace IntegrationHub.Tests.Flows.Federation.Transfers;

/// <summary>Transfers of a labor record from A (Chongqing) to B (Sichuan) and back, both hubs real processes.</summary>
public sealed class TransferTests(PeerHubsFixture fixture) : PeerHubsFixtureTests(fixture)
{
    [Fact]
    public async Task Transfer_PersonKnownAtA_AcceptedAtBLinkedThereAndClosedAtA()
    {
        var idNumber = TaxRecords.IdNumber(801);
        var person = await TransferSteps.SeedPersonAsync(Hubs.A, Hubs.DatabaseA, idNumber, "ERT0801");
        await TransferSteps.WaitCountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM labor_fact WHERE person_id = substr(@p, 2)::bigint AND kind = 'unemployment' AND open", 1, 60, ("p", person));

        var (status, body) = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, person, PeerHubs.RegionB);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("requested", (string?)body["status"]);
        var id = (string)body["id"]!;
        var atA = await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, id, "accepted");
        Assert.Equal(["requested", "sent", "received", "accepted"], TransferSteps.History(atA));
        Assert.Equal(person, (string?)atA["personId"]);
        var atB = (await TransferSteps.ReadAsync(Hubs.B!, Hubs.AdminTokenB, id))!;
        Assert.Equal("accepted", (string?)atB["status"]);
        Assert.Equal("destination", (string?)atB["role"]);
        Assert.Equal(["requested", "sent", "received", "accepted"], TransferSteps.History(atB));
        var personAtB = (string)atB["personId"]!;

        // B: the person linked by number, with the package's attributes, and announced.
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB,
            "SELECT count(*) FROM person WHERE person_id = substr(@p, 2)::bigint AND golden->'name'->>'value' = '汪建华' AND golden->'name'->'source'->>'department' = 'peer/500000'",
            ("p", personAtB)));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB,
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.transferred-in.v1' AND subject = @p",
            ("p", personAtB)));
        // A: the person's facts closed on the transfer date, the person announced as gone, the history kept.
        Assert.True(await TransferSteps.CountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.transferred-out.v1'") >= 1);
        await TransferSteps.WaitCountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM labor_fact WHERE person_id = substr(@p, 2)::bigint AND kind = 'unemployment' AND NOT open AND data->>'endedOn' = @d",
            1, 60, ("p", person), ("d", (string)atA["transferDate"]!));
    }

    [Fact]
    public async Task Transfer_GraduateWithFollowUps_DestinationKeepsTheLedgerEntryAndFollowUps()
    {
        var idNumber = LaborRecords.IdNumber("20040401", 821);
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "edu", "graduate-roster", GraduateRecords.Roster("GR0821", idNumber, "not-yet-placed"));
        await TransferSteps.SendAsync(Hubs.A, Hubs.DatabaseA, "hr", "graduate-follow-up",
            GraduateRecords.FollowUp("FU0821B", idNumber, "2026-10-05", "unreachable", []),
            GraduateRecords.FollowUp("FU0821A", idNumber, "2026-08-01", "reached", ["guidance", "training"]));
        var person = await TransferSteps.PersonOfAsync(Hubs.DatabaseA, "GR0821");
        await TransferSteps.WaitCountAsync(Hubs.DatabaseA,
            "SELECT count(*) FROM labor_fact WHERE person_id = substr(@p, 2)::bigint AND kind = 'graduate' AND open", 1, 60, ("p", person));

        var id = await TransferSteps.RequestToBAsync(Hubs, person);
        await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, id, "accepted");

        // B keeps the package's graduate section with the transfer, shows it, and audits the read with its purpose.
        using var response = await PeerHubs.SendAsync(Hubs.B!, HttpMethod.Get, $"/api/transfers/{id}", Hubs.AdminTokenB, null,
            ("X-Purpose", "graduate-follow-up-service"));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.Save("Transfer", text);
        var graduate = JsonNode.Parse(text)!["graduate"]!;
        var entry = Assert.Single(graduate["entries"]!.AsArray())!;
        Assert.Equal("not-yet-placed", (string?)entry["status"]);
        Assert.True((bool)entry["inLedger"]!);
        Assert.Equal(2026, (int)entry["cohort"]!);
        Assert.Equal("4150010611", (string?)entry["schoolCode"]);
        Assert.Equal("GR0821", (string?)entry["sources"]![0]!["recordId"]);
        var followUps = graduate["followUps"]!.AsArray();
        Assert.Equal(["FU0821A", "FU0821B"], followUps.Select(f => (string)f!["recordId"]!));
        Assert.Equal(["guidance", "training"], followUps[0]!["services"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("unreachable", (string?)followUps[1]!["outcome"]);
        // Kept in B's transfer row; the graduate facts travel in the graduate section only, not among the facts.
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB, """
            SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid AND role = 'destination'
              AND jsonb_array_length(package->'graduate'->'followUps') = 2
              AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(package->'facts') f WHERE f->>'kind' = 'graduate')
            """, ("id", id)));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB,
            "SELECT count(*) FROM audit_log WHERE action = 'transfer.read' AND purpose = 'graduate-follow-up-service' AND detail->>'transferId' = @id", ("id", id)));
    }

    [Fact]
    public async Task Transfer_PersonUnknownAtOrigin_404UnknownPerson()
    {
        var (status, body) = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, "P999999999", PeerHubs.RegionB);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("unknown-person", (string?)body["code"]);
        Assert.Equal("/personId", (string?)body["errors"]![0]!["path"]);
    }

    [Fact]
    public async Task Transfer_RegionNotAPeer_400UnknownPeer()
    {
        var (status, body) = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, "P000000001", "440000");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/toRegion", (string?)body["errors"]![0]!["path"]);
    }

    [Fact]
    public async Task Transfer_SameIdRequestedTwice_OneTransferOnEachSide()
    {
        var person = await TransferSteps.SeedPersonAtAAsync(Hubs, 802);
        var id = Guid.NewGuid().ToString();

        var first = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, person, PeerHubs.RegionB, id);
        var second = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, person, PeerHubs.RegionB, id);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(id, (string?)second.Body["id"]);
        await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, id, "accepted");
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
    }

    [Fact]
    public async Task Receive_SamePackageTwiceInTwoMessages_SameReceiptAndOneTransfer()
    {
        var id = Guid.NewGuid().ToString();
        var package = Encoding.UTF8.GetBytes($$"""
            {"kind":"package","transferId":"{{id}}","origin":"500000","destination":"510000","reason":"迁出","transferDate":"2026-12-01",
             "requestedAt":"2026-12-01T08:00:00Z","person":{"idNumber":"{{TaxRecords.IdNumber(803)}}","golden":{"name":"李娜"} },
             "facts":[],"graduate":null,"lineage":[]}
            """);

        using var first = await Hubs.PostToBAsync("transfer", package, PeerHubs.Sign(Hubs.KeyOfA, "transfer", package));
        using var second = await Hubs.PostToBAsync("transfer", package, PeerHubs.Sign(Hubs.KeyOfA, "transfer", package));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var text = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.SavePeer("TransferReceipt", text);
        var receipt = JsonNode.Parse(text)!;
        Assert.Equal(id, (string?)receipt["transferId"]);
        Assert.Contains((string?)receipt["status"], new[] { "received", "accepted" });
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
    }

    [Fact]
    public async Task Receive_PackageChangedInTransit_401AndNothingStored()
    {
        var id = Guid.NewGuid().ToString();
        var package = $$"""
            {"kind":"package","transferId":"{{id}}","origin":"500000","destination":"510000","reason":"迁出","transferDate":"2026-12-01",
             "person":{"idNumber":"{{TaxRecords.IdNumber(807)}}","golden":{"name":"李娜"} },"facts":[],"graduate":null,"lineage":[]}
            """;
        var signature = PeerHubs.Sign(Hubs.KeyOfA, "transfer", Encoding.UTF8.GetBytes(package));
        var changed = Encoding.UTF8.GetBytes(package.Replace("李娜", "李四", StringComparison.Ordinal));

        using var response = await Hubs.PostToBAsync("transfer", changed, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await TransferSteps.CountAsync(Hubs.DatabaseB, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
    }

    [Fact]
    public async Task Receive_PackageWithoutIdentityNumber_400WithItsPointer()
    {
        var package = Encoding.UTF8.GetBytes($$"""
            {"kind":"package","transferId":"{{Guid.NewGuid()}}","origin":"500000","destination":"510000","reason":"迁出","transferDate":"2026-12-01",
             "person":{"golden":{} },"facts":[],"lineage":[]}
            """);

        using var response = await Hubs.PostToBAsync("transfer", package, PeerHubs.Sign(Hubs.KeyOfA, "transfer", package));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ResponseCapture.SavePeer("PeerError", text);
        var error = JsonNode.Parse(text)!;
        Assert.Equal("/person/idNumber", (string?)error["errors"]![0]!["path"]);
    }

    [Fact]
    public async Task Transfer_ThereAndBack_SamePersonAtAWithFactsBack()
    {
        var idNumber = TaxRecords.IdNumber(804);
        var person = await TransferSteps.SeedPersonAsync(Hubs.A, Hubs.DatabaseA, idNumber, "ERT0804");
        var there = await TransferSteps.RequestToBAsync(Hubs, person);
        var atB = await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, there, "accepted");
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM labor_person_away WHERE person_id = substr(@p, 2)::bigint",
            ("p", person)));
        var personAtB = (string)(await TransferSteps.ReadAsync(Hubs.B!, Hubs.AdminTokenB, there))!["personId"]!;

        var back = await TransferSteps.RequestAsync(Hubs.B!, Hubs.AdminTokenB, personAtB, PeerHubs.RegionA);

        Assert.Equal(HttpStatusCode.Accepted, back.Status);
        var backId = (string)back.Body["id"]!;
        await TransferSteps.WaitForAsync(Hubs.B!, Hubs.AdminTokenB, backId, "accepted");
        var atA = (await TransferSteps.ReadAsync(Hubs.A, Hubs.AdminTokenA, backId))!;
        Assert.Equal("destination", (string?)atA["role"]);
        Assert.Equal(person, (string?)atA["personId"]);
        Assert.Equal(0, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM labor_person_away WHERE person_id = substr(@p, 2)::bigint",
            ("p", person)));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseB, "SELECT count(*) FROM labor_person_away WHERE person_id = substr(@p, 2)::bigint",
            ("p", personAtB)));
        Assert.NotNull(atB);
    }

    [Fact]
    public async Task Transfer_PersonAlreadyTransferredOut_409TransferredOut()
    {
        var person = await TransferSteps.SeedPersonAtAAsync(Hubs, 805);
        var first = await TransferSteps.RequestToBAsync(Hubs, person);
        await TransferSteps.WaitForAsync(Hubs.A, Hubs.AdminTokenA, first, "accepted");

        var (status, body) = await TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, person, PeerHubs.RegionB);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("transferred-out", (string?)body["code"]);
    }

    [Fact]
    public async Task Transfer_SecondWhileTheFirstIsUnderWay_409TransferInProgress()
    {
        var person = await TransferSteps.SeedPersonAtAAsync(Hubs, 806);
        var requests = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            TransferSteps.RequestAsync(Hubs.A, Hubs.AdminTokenA, person, PeerHubs.RegionB)));

        Assert.Single(requests, r => r.Status == HttpStatusCode.Accepted);
        Assert.All(requests.Where(r => r.Status != HttpStatusCode.Accepted), r =>
            Assert.Contains((string?)r.Body["code"], new[] { "transfer-in-progress", "transferred-out" }));
        Assert.Equal(1, await TransferSteps.CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM transfer WHERE person_id = substr(@p, 2)::bigint",
            ("p", person)));
    }
}
