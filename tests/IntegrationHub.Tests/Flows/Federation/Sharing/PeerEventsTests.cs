using IntegrationHub.Tests.Flows.Federation.Transfers;

namespace IntegrationHub.Tests.Flows.Federation.Sharing;

/// <summary>Priority-group sharing: A's events about persons with a Sichuan hukou reach B through a <c>peer</c> subscription.</summary>
public sealed class PeerEventsTests
{
    [Fact]
    public async Task Dispatch_PeerSubscription_OnlyPersonsWithHukouInThePeersProvinceReachItStoredAndLinked()
    {
        await using var hubs = await PeerHubs.StartAsync("fed_share", extraB: new Dictionary<string, string>
        {
            ["Federation:Peers:0:Services:events:Fields:0"] = "*",
        });
        using (var created = await PeerHubs.SendAsync(hubs.A, HttpMethod.Post, "/api/admin/subscriptions", hubs.AdminTokenA, """
            {"name":"sichuan-priority","subscriber":"hub-510000","legalBasis":"川渝就业信息共享协议","purpose":"重点群体信息共享",
             "eventTypes":["cn.gov.hrss.hub.person.created.v1"],"fields":["/personId","/name","/hukouRegion","/identityNumber"],
             "identityNumbers":true,"destination":{"kind":"peer","region":"510000"}}
            """))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created || created.StatusCode == HttpStatusCode.OK,
                await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var sichuan = TaxRecords.IdNumber(821);
        var chongqing = TaxRecords.IdNumber(822);
        await SendHouseholdAsync(hubs, sichuan, "510104", "HHFED0821");
        await SendHouseholdAsync(hubs, chongqing, "500103", "HHFED0822");

        await TransferSteps.WaitCountAsync(hubs.DatabaseB,
            "SELECT count(*) FROM peer_record WHERE source = 'peer/500000' AND person_id IS NOT NULL", 1, 60);
        // The Chongqing resident's event is done with, never sent: give the dispatcher time to have sent it had it wanted to.
        await TransferSteps.WaitCountAsync(hubs.DatabaseA,
            "SELECT count(*) FROM delivery d JOIN subscription s USING (subscription_id) WHERE s.name = 'sichuan-priority' AND d.delivered_at IS NOT NULL",
            2, 60);
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB, "SELECT count(*) FROM peer_record"));
        Assert.Equal(1, await TransferSteps.CountAsync(hubs.DatabaseB,
            "SELECT count(*) FROM peer_record r JOIN person p USING (person_id) WHERE r.data->>'hukouRegion' = '510104' AND r.id_number_cipher IS NOT NULL AND NOT r.data ? 'identityNumber' AND p.golden->'name'->'source'->>'department' = 'peer/500000'"));
    }

    private static async Task SendHouseholdAsync(PeerHubs hubs, string idNumber, string hukou, string recordId)
    {
        await using var dataSource = NpgsqlDataSource.Create(hubs.DatabaseA);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("ps", PrincipalKind.Department, token, CancellationToken.None);
        var birthDate = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}";
        var gender = (idNumber[16] - '0') % 2 == 1 ? "1" : "2";
        var body = new StringBuilder()
            .Append($$"""{"batchId":"ps-{{recordId}}","schemaVersion":"1","extractedAt":"2026-11-21T18:00:00+08:00","region":"500000"}""").Append('\n')
            .Append($$"""{"recordId":"{{recordId}}","idNumber":"{{idNumber}}","name":"张磊","gender":"{{gender}}","birthDate":"{{birthDate}}","ethnicity":"01","hukouRegion":"{{hukou}}","hukouAddress":"某地某街1号","householdNumber":"{{hukou}}015580","relationToHead":"户主","changeType":"move-in","changeDate":"2026-11-12"}""")
            .Append('\n').ToString();
        await hubs.A.SendNdjsonAsync("ps", "household-registration", token, body);
    }
}
