namespace IntegrationHub.Tests.Flows.Federation.Transfers;

/// <summary>Transfers when a hub is down, crashes or says no; each test with a pair of hub processes of its own.</summary>
public sealed class TransferResilienceTests
{
    [Fact]
    public async Task Transfer_DestinationDown_RetriedThenAcceptedOnceItIsBack()
    {
        await using var hubs = await PeerHubs.StartAsync("fed_down");
        var person = await TransferSteps.SeedPersonAtAAsync(hubs, 811);
        hubs.StopB();

        var id = await TransferSteps.RequestToBAsync(hubs, person);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var view = await TransferSteps.ReadAsync(hubs.A, hubs.AdminTokenA, id);
        while (DateTime.UtcNow < deadline && ((int?)view?["attempts"] < 2 || view?["lastError"] is null))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            view = await TransferSteps.ReadAsync(hubs.A, hubs.AdminTokenA, id);
        }

        Assert.Equal("sent", (string?)view!["status"]);
        Assert.True((int)view["attempts"]! >= 2, view.ToJsonString());
        Assert.NotNull((string?)view["lastError"]);

        await hubs.StartBAsync();
        var accepted = await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, id, "accepted", seconds: 90);
        Assert.Equal(["requested", "sent", "received", "accepted"], TransferSteps.History(accepted));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
    }

    [Fact]
    public async Task Transfer_OriginCrashesBeforeSending_ResumedAfterRestartToTheSameEnd()
    {
        await using var hubs = await PeerHubs.StartAsync("fed_crash", timers: false);
        var person = await TransferSteps.SeedPersonAtAAsync(hubs, 812);
        var id = await TransferSteps.RequestToBAsync(hubs, person);
        Assert.Equal("requested", (string?)(await TransferSteps.ReadAsync(hubs.A, hubs.AdminTokenA, id))!["status"]);

        hubs.StopA();
        await hubs.StartAAsync(timers: true);
        hubs.StopB();
        await hubs.StartBAsync();

        // B's relay runs only with timers: B, started without, decides nothing; A's restart sends the package it kept.
        await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, id, "received", seconds: 60);
        var atB = (await TransferSteps.ReadAsync(hubs.B!, hubs.AdminTokenB, id))!;
        Assert.Equal("received", (string?)atB["status"]);
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid", ("id", id)));
    }

    [Fact]
    public async Task Transfer_DestinationCrashesAfterStoringThePackage_AcceptedOnceAfterRestart()
    {
        await using var hubs = await PeerHubs.StartAsync("fed_dcrash");
        hubs.StopB();
        await hubs.StartBAsync(timers: false);
        var person = await TransferSteps.SeedPersonAtAAsync(hubs, 814);
        var id = await TransferSteps.RequestToBAsync(hubs, person);

        // B stored the package and signed its receipt; its relay (a timer) would accept it next, but B dies first.
        await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, id, "received");
        Assert.Equal("received", (string?)(await TransferSteps.ReadAsync(hubs.B!, hubs.AdminTokenB, id))!["status"]);
        hubs.StopB();
        await hubs.StartBAsync(timers: true);

        await AssertAcceptedOnceAsync(hubs, id, person);
    }

    [Fact]
    public async Task Transfer_DestinationCrashesAfterAcceptingBeforeTheOriginKnows_SameEndAfterRestart()
    {
        var (hubs, person, id) = await ReceivedAwaitingDecisionAsync("fed_dcrash2", 815);
        await using var pair = hubs;

        // A is down: B's acceptance commits, but its decision cannot reach A; then B dies with the decision unsent.
        hubs.StopA();
        using (var decision = await PeerHubs.SendAsync(hubs.B!, HttpMethod.Post, $"/api/transfers/{id}/decision", hubs.AdminTokenB,
            """{"accept":true}"""))
        {
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        }

        await TransferSteps.WaitCountAsync(hubs.DatabaseB,
            "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid AND outbound = 'decision' AND attempts >= 1", 1, 60, ("id", id));
        hubs.StopB();
        await hubs.StartBAsync();
        await hubs.StartAAsync();

        await AssertAcceptedOnceAsync(hubs, id, person);
    }

    /// <summary>A pair whose B decides by an operator, with a transfer of a new person from A received at B.</summary>
    private static async Task<(PeerHubs Hubs, string Person, string Id)> ReceivedAwaitingDecisionAsync(string name, int number)
    {
        var hubs = await PeerHubs.StartAsync(name, extraB: new Dictionary<string, string> { ["Federation:AutoAcceptTransfers"] = "false" });
        var person = await TransferSteps.SeedPersonAtAAsync(hubs, number);
        var id = await TransferSteps.RequestToBAsync(hubs, person);
        await TransferSteps.WaitForAsync(hubs.B!, hubs.AdminTokenB, id, "received");
        return (hubs, person, id);
    }

    /// <summary>The one end state, however the transfer got there: accepted on both sides with one history, the person
    /// linked once at B and announced once on each side, and marked away once at A.</summary>
    private static async Task AssertAcceptedOnceAsync(PeerHubs hubs, string id, string person)
    {
        var atA = await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, id, "accepted", seconds: 90);
        Assert.Equal(["requested", "sent", "received", "accepted"], TransferSteps.History(atA));
        var atB = (await TransferSteps.ReadAsync(hubs.B!, hubs.AdminTokenB, id))!;
        Assert.Equal("accepted", (string?)atB["status"]);
        Assert.Equal(["requested", "sent", "received", "accepted"], TransferSteps.History(atB));
        await TransferSteps.WaitCountAsync(hubs.DatabaseB,
            "SELECT count(*) FROM transfer WHERE transfer_id = @id::uuid AND outbound IS NULL", 1, 60, ("id", id));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM transfer"));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM person"));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB,
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.transferred-in.v1' AND subject = @p",
            ("p", (string)atB["personId"]!)));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseA,
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.transferred-out.v1' AND subject = @p", ("p", person)));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseA, "SELECT count(*) FROM labor_person_away"));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseA, "SELECT count(*) FROM transfer"));
    }

    [Fact]
    public async Task Transfer_RejectedByDestination_OriginKeepsThePersonAndSaysWhy()
    {
        var (hubs, _, id) = await ReceivedAwaitingDecisionAsync("fed_reject", 813);
        await using var pair = hubs;

        using var decision = await PeerHubs.SendAsync(hubs.B!, HttpMethod.Post, $"/api/transfers/{id}/decision", hubs.AdminTokenB,
            """{"accept":false,"reason":"本地无户籍迁入记录"}""");

        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var atA = await TransferSteps.WaitForAsync(hubs.A, hubs.AdminTokenA, id, "rejected");
        Assert.Equal("本地无户籍迁入记录", (string?)atA["statusReason"]);
        Assert.Equal(["requested", "sent", "received", "rejected"], TransferSteps.History(atA));
        Assert.Equal(0, await TransferSteps.CountAsync(hubs.DatabaseA, "SELECT count(*) FROM labor_person_away"));
        Assert.Equal(0, await TransferSteps.CountAsync(hubs.DatabaseA,
            "SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.transferred-out.v1'"));
        Assert.Equal(0, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM person"));

        using var again = await PeerHubs.SendAsync(hubs.B!, HttpMethod.Post, $"/api/transfers/{id}/decision", hubs.AdminTokenB, """{"accept":true}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
