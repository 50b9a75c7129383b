namespace IntegrationHub.Tests.Flows.Federation.Status;

/// <summary>A (Chongqing) asks B (Sichuan) for a person's labor status through A's API; both hubs real processes.</summary>
public sealed class StatusQueryTests(PeerHubsFixture fixture) : PeerHubsFixtureTests(fixture)
{
    [Fact]
    public async Task AskStatus_PersonRegisteredUnemployedAtB_AgreedFieldsOnlyAndAuditedOnBothSidesWithThePurpose()
    {
        var idNumber = TaxRecords.IdNumber(731);
        await SendUnemploymentToBAsync(idNumber);
        var purpose = "跨区域通办: 失业登记核验 " + Guid.NewGuid().ToString("N")[..8];
        var question = $$"""{"idNumber":"{{idNumber}}","purpose":"{{purpose}}","legalBasis":"川渝就业信息共享协议"}""";

        JsonObject? answer = null;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await PeerHubs.SendAsync(Hubs.A, HttpMethod.Post, $"/api/peers/{PeerHubs.RegionB}/status", Hubs.AdminTokenA, question);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            answer = JsonNode.Parse(text)!.AsObject();
            if (answer["fields"]?["registeredUnemployedSince"] is not null)
            {
                break;
            }

            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }

        Assert.Equal("known", (string?)answer!["status"]);
        var fields = answer["fields"]!.AsObject();
        Assert.Equal("2026-11-05", (string?)fields["registeredUnemployedSince"]);
        Assert.False((bool)fields["employed"]!);
        Assert.Equal(PeerHubs.FieldsForA.Order(), fields.Select(f => f.Key).Order());
        Assert.DoesNotContain(idNumber, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await CountAsync(Hubs.DatabaseB, "SELECT count(*) FROM audit_log WHERE action = 'peer.status.answered' AND purpose = @p AND subject IS NOT NULL", purpose) > 0);
        Assert.True(await CountAsync(Hubs.DatabaseA, "SELECT count(*) FROM audit_log WHERE action = 'peer.status.asked' AND purpose = @p", purpose) > 0);
    }

    [Fact]
    public async Task AskStatus_NumberUnknownAtB_Unknown()
    {
        var question = $$"""{"idNumber":"{{TaxRecords.IdNumber(977)}}","purpose":"核验","legalBasis":"协议"}""";

        using var response = await PeerHubs.SendAsync(Hubs.A, HttpMethod.Post, $"/api/peers/{PeerHubs.RegionB}/status", Hubs.AdminTokenA, question);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unknown", (string?)answer["status"]);
        Assert.Null(answer["fields"]);
    }

    [Fact]
    public async Task AskStatus_PeerNotRegistered_404UnknownPeer()
    {
        using var response = await PeerHubs.SendAsync(Hubs.A, HttpMethod.Post, "/api/peers/440000/status", Hubs.AdminTokenA,
            """{"idNumber":"11010519491231002X","purpose":"p","legalBasis":"b"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task VerifyLog_AfterExchanges_EveryMessageVerifiesAndAChangedBodyIsFound()
    {
        using (var response = await PeerHubs.SendAsync(Hubs.A, HttpMethod.Post, $"/api/peers/{PeerHubs.RegionB}/status", Hubs.AdminTokenA,
            $$"""{"idNumber":"{{TaxRecords.IdNumber(978)}}","purpose":"核验","legalBasis":"协议"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (exitCode, output) = await Hubs.RunOnBAsync("peer", "verify-log");
        Assert.True(exitCode == 0, output);
        Assert.Matches(@"peer message log: [1-9][0-9]* verified, 0 failed", output);

        // The log is append-only; only by switching its guard off (as an attacker with the database would) can a row change.
        await using (var dataSource = NpgsqlDataSource.Create(Hubs.DatabaseB))
        await using (var command = dataSource.CreateCommand("""
            ALTER TABLE peer_message DISABLE TRIGGER peer_message_kept;
            UPDATE peer_message SET body_sha256 = sha256('changed'::bytea) WHERE seq = (SELECT min(seq) FROM peer_message);
            ALTER TABLE peer_message ENABLE TRIGGER peer_message_kept;
            """))
        {
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        (exitCode, output) = await Hubs.RunOnBAsync("peer", "verify-log");
        Assert.Equal(1, exitCode);
        Assert.Contains("the body does not match its stored hash", output, StringComparison.Ordinal);
    }

    private async Task SendUnemploymentToBAsync(string idNumber)
    {
        await using var dataSource = NpgsqlDataSource.Create(Hubs.DatabaseB);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("hr", PrincipalKind.Department, token, CancellationToken.None);
        var body = new StringBuilder()
            .Append("""{"batchId":"hr-fed-0001","schemaVersion":"1","extractedAt":"2026-11-21T18:00:00+08:00","region":"510000"}""").Append('\n')
            .Append($$"""{"recordId":"ERFED0001","idNumber":"{{idNumber}}","name":"汪建华","eventType":"unemployment","eventDate":"2026-11-05","registrationRegion":"510104"}""")
            .Append('\n').ToString();
        await Hubs.B!.SendNdjsonAsync("hr", "employment-registration", token, body);
    }

    private static async Task<long> CountAsync(string database, string sql, string purpose)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("p", purpose);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
