using IntegrationHub.Events.Dispatch;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Flows.Policy.Backfill;

/// <summary>A subscription created with <c>"backfill": true</c>: the eligible decisions as snapshot events, then the live
/// stream from exactly the snapshot they were read in.</summary>
public sealed class DecisionBackfillTests() : PolicyScenarioTests("zero-employment-household-assistance")
{
    private DeliveryQueue Queue => scenario.Hub.Server.Services.GetRequiredService<DeliveryQueue>();

    [Fact]
    public async Task Create_WithBackfill_SnapshotOfItsDistrictThenLiveEvents()
    {
        await SendHouseholdsAsync(("bf-1", "500103", 111), ("bf-2", "500106", 113));
        await Queue.FanOutAsync(Token);
        var plain = await SubscribeAsync("bf-plain", backfill: false);

        var backfilled = await SubscribeAsync("bf-district", backfill: true);

        var resident = await scenario.PersonAsync("bf-1");
        var page = await PullAsync("bf-district", backfilled);
        var next = JsonNode.Parse(page)!["next"]!.GetValue<string>();
        var snapshot = Events(page);
        var only = Assert.Single(snapshot)!;
        Assert.Equal(resident, only["subject"]!.GetValue<string>());
        Assert.Equal("cn.gov.hrss.hub.policy.eligible.v1", only["type"]!.GetValue<string>());
        Assert.True(only["snapshot"]!.GetValue<bool>());
        Assert.True(only["data"]!["snapshot"]!.GetValue<bool>());
        Assert.Equal(Policy, only["data"]!["policyId"]!.GetValue<string>());
        Assert.Empty(Events(await PullAsync("bf-plain", plain)));

        await SendHouseholdsAsync(("bf-3", "500103", 115));
        var newcomer = await scenario.PersonAsync("bf-3");
        var live = Events(await PullAsync("bf-district", backfilled, after: next));
        var liveEvent = Assert.Single(live)!;
        Assert.Equal(newcomer, liveEvent["subject"]!.GetValue<string>());
        Assert.Null(liveEvent["snapshot"]);
        Assert.Null(liveEvent["data"]!["snapshot"]);
        var plainEvents = Events(await PullAsync("bf-plain", plain));
        Assert.DoesNotContain(plainEvents, e => e!["snapshot"] is not null);
        Assert.Contains(plainEvents, e => e!["subject"]!.GetValue<string>() == newcomer);
    }

    /// <summary>Two live events are written while the backfill runs (each holds the sequence row a snapshot event needs, so
    /// the backfill waits on them after taking its snapshot); the first commits and is fanned out before the subscription
    /// exists. Each reaches the subscription exactly once, after the snapshot, and nothing from before the snapshot does.</summary>
    [Fact]
    public async Task Create_EventsCommittedDuringBackfill_EachDeliveredOnceAfterTheSnapshot()
    {
        await SendHouseholdsAsync(("bf-a", "500103", 121), ("bf-b", "500103", 123));
        var subjects = new[] { await scenario.PersonAsync("bf-a"), await scenario.PersonAsync("bf-b") };
        await using var first = await LiveEventAsync(subjects[0]);
        await using var second = await LiveEventAsync(subjects[1]);

        var creating = SubscribeAsync("bf-race", backfill: true);
        var blocker = await BlockerOfBackfillAsync();
        var (early, late) = blocker == first.Connection.ProcessID ? (first, second) : (second, first);
        await early.Transaction.CommitAsync(Token);
        Assert.Equal(late.Connection.ProcessID, await BlockerOfBackfillAsync());
        await Queue.FanOutAsync(Token);
        await late.Transaction.CommitAsync(Token);
        var token = await creating;

        var events = Events(await PullAsync("bf-race", token));
        Assert.Equal(4, events.Count);
        Assert.All(events.Take(2), e => Assert.True(e!["snapshot"]!.GetValue<bool>()));
        Assert.Equal(subjects.Order(StringComparer.Ordinal), events.Take(2).Select(e => e!["subject"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(events.Skip(2), e => Assert.Null(e!["snapshot"]));
        Assert.Equal(subjects.Order(StringComparer.Ordinal), events.Skip(2).Select(e => e!["subject"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    /// <summary>The request creating a backfilled subscription is held at its end (its audit entry waits on a lock on the
    /// log): a live event of a person in its snapshot is written and committed meanwhile without waiting for the request (the
    /// person's sequence row is not held across it), and reaches the subscription after the person's snapshot event.</summary>
    [Fact]
    public async Task Create_RequestHeldAfterTheSnapshot_LiveEventOfItsPersonDoesNotWait()
    {
        await SendHouseholdsAsync(("bf-h", "500103", 141));
        var subject = await scenario.PersonAsync("bf-h");
        Task<string> creating;
        await using (var auditHeld = await scenario.Hub.DataSource.OpenConnectionAsync(Token))
        {
            await using var hold = await auditHeld.BeginTransactionAsync(Token);
            await using (var lockLog = new NpgsqlCommand("LOCK TABLE audit_log IN SHARE MODE", auditHeld, hold))
            {
                await lockLog.ExecuteNonQueryAsync(Token);
            }

            creating = SubscribeAsync("bf-held-request", backfill: true);
            await CreationWaitingOnAsync(auditHeld.ProcessID);

            await using (var live = await LiveEventAsync(subject))
            {
                await live.Transaction.CommitAsync(Token);
            }

            await hold.RollbackAsync(Token);
        }

        var events = Events(await PullAsync("bf-held-request", await creating));

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(subject, e!["subject"]!.GetValue<string>()));
        Assert.True(events[0]!["snapshot"]!.GetValue<bool>());
        Assert.Null(events[1]!["snapshot"]);
    }

    /// <summary>The resident's own policy event committed before the snapshot but not yet fanned out (fan-out is held): the
    /// subscription has it in the snapshot, and must not get it again as a live event.</summary>
    [Fact]
    public async Task Create_EventBeforeSnapshotNotYetFannedOut_OnlyInTheSnapshot()
    {
        await using (var fanOutHeld = await scenario.Hub.DataSource.OpenConnectionAsync(Token))
        {
            await using var hold = await fanOutHeld.BeginTransactionAsync(Token);
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM delivery_fanout FOR UPDATE", fanOutHeld, hold))
            {
                await lockRow.ExecuteNonQueryAsync(Token);
            }

            await SendHouseholdsAsync(("bf-x", "500103", 131));
            var token = await SubscribeAsync("bf-held", backfill: true);
            await hold.RollbackAsync(Token);

            var events = Events(await PullAsync("bf-held", token));

            var only = Assert.Single(events)!;
            Assert.Equal(await scenario.PersonAsync("bf-x"), only["subject"]!.GetValue<string>());
            Assert.True(only["snapshot"]!.GetValue<bool>());
        }
    }

    /// <summary>A backfilled request for a name already taken is refused before it writes a snapshot: the outbox keeps the
    /// first subscription's snapshot event only, and the person's event sequence does not move.</summary>
    [Fact]
    public async Task Create_NameTaken_409BeforeAnySnapshotIsWritten()
    {
        await SendHouseholdsAsync(("bf-t", "500103", 151));
        await SubscribeAsync("bf-taken", backfill: true);
        var sequence = $"SELECT last FROM event_sequence WHERE subject = '{await scenario.PersonAsync("bf-t")}'";
        var before = await scenario.Hub.CountAsync(sequence);

        var again = await scenario.PostAsync("/api/admin/subscriptions", Subscription("bf-taken", backfill: true).ToJsonString());

        Assert.Equal(409, again.Status);
        Assert.Equal(1, await scenario.Hub.CountAsync(SnapshotEvents));
        Assert.Equal(before, await scenario.Hub.CountAsync(sequence));
    }

    /// <summary>The name is taken while the request writes its snapshot (another transaction holds a row of that name, and
    /// commits once the request's insert waits on it): the request is refused, and the snapshot it wrote is deleted again.</summary>
    [Fact]
    public async Task Create_NameTakenWhileItsSnapshotIsWritten_409AndItsSnapshotIsGone()
    {
        await SendHouseholdsAsync(("bf-r", "500103", 153));
        await SubscribeAsync("bf-template", backfill: false);
        Task<IntakeHarness.Response> creating;
        await using (var rival = await scenario.Hub.DataSource.OpenConnectionAsync(Token))
        {
            await using var taking = await rival.BeginTransactionAsync(Token);
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO subscription (name, subscriber, legal_basis, purpose, event_types, type_patterns, fields, identity_numbers,
                    destination, secret_cipher, created_at, updated_at, content_filter)
                SELECT 'bf-raced', subscriber, legal_basis, purpose, event_types, type_patterns, fields, identity_numbers,
                    destination, secret_cipher, created_at, updated_at, content_filter
                FROM subscription WHERE name = 'bf-template'
                """, rival, taking))
            {
                Assert.Equal(1, await insert.ExecuteNonQueryAsync(Token));
            }

            creating = scenario.PostAsync("/api/admin/subscriptions", Subscription("bf-raced", backfill: true).ToJsonString());
            await CreationWaitingOnAsync(rival.ProcessID);
            await taking.CommitAsync(Token);
        }

        var refused = await creating;

        Assert.Equal(409, refused.Status);
        Assert.Equal(0, await scenario.Hub.CountAsync(SnapshotEvents));
    }

    private const string SnapshotEvents = """
        SELECT count(*) FROM event_outbox WHERE (data->>'snapshot')::boolean
        """;

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("{}")]
    public async Task Create_MalformedBackfill_RefusedWithPointer(string backfill)
    {
        var body = Subscription("bf-bad", null);
        body["backfill"] = JsonNode.Parse(backfill);

        var response = await scenario.PostAsync("/api/admin/subscriptions", body.ToJsonString());

        Assert.Equal(400, response.Status);
        var error = Assert.Single(JsonNode.Parse(response.Body)!["errors"]!.AsArray());
        Assert.Equal("/backfill", error!["path"]!.GetValue<string>());
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM subscription WHERE name = 'bf-bad'"));
    }

    private async Task SendHouseholdsAsync(params (string RecordId, string Region, int Sequence)[] people)
    {
        var records = people.Select(p =>
        {
            var record = Household(p.RecordId, IdNumber("19800707", p.Sequence), $"H-{1000 + p.Sequence}");
            if (p.Region == "500106")
            {
                record["hukouRegion"] = p.Region;
                record["hukouAddress"] = "重庆市沙坪坝区小龙坎街道2号";
            }

            return record;
        }).ToArray();
        await scenario.SendAsync("ps", "household-registration", records);
        await scenario.SettleAsync();
    }

    /// <summary>An uncommitted transaction that writes a copy of the subject's policy event: a live event of the subject. It
    /// waits at most 10 s for the subject's sequence row, so a test whose live event would wait for a request fails.</summary>
    private async Task<OpenTransaction> LiveEventAsync(string subject)
    {
        var connection = await scenario.Hub.DataSource.OpenConnectionAsync(Token);
        var transaction = await connection.BeginTransactionAsync(Token);
        await using var emit = new NpgsqlCommand("""
            SET LOCAL lock_timeout = '10s';
            SELECT hub_emit_event(type, subject, time, data, id_number_cipher) FROM event_outbox
            WHERE subject = @subject AND type = 'cn.gov.hrss.hub.policy.eligible.v1' ORDER BY position LIMIT 1
            """, connection, transaction);
        emit.Parameters.AddWithValue("subject", subject);
        Assert.NotNull(await emit.ExecuteScalarAsync(Token));
        return new OpenTransaction(connection, transaction);
    }

    /// <summary>The backend the backfill's transaction waits for, once it waits.</summary>
    private async Task<int> BlockerOfBackfillAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            await using var command = scenario.Hub.DataSource.CreateCommand("""
                SELECT b FROM pg_stat_activity a, unnest(pg_blocking_pids(a.pid)) b
                WHERE a.datname = current_database() AND a.query LIKE '%subscription_snapshot_event%' AND a.wait_event_type = 'Lock'
                """);
            if (await command.ExecuteScalarAsync(Token) is int pid)
            {
                return pid;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException("The backfill never waited on a live event.");
    }

    /// <summary>Waits until the transaction creating a subscription (it holds the subscription table for writing) waits on
    /// the backend <paramref name="holder"/>.</summary>
    private async Task CreationWaitingOnAsync(int holder)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var command = scenario.Hub.DataSource.CreateCommand("""
                SELECT count(*) FROM pg_stat_activity a
                WHERE @holder = ANY (pg_blocking_pids(a.pid))
                  AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'subscription'::regclass
                              AND l.mode = 'RowExclusiveLock' AND l.granted)
                """);
            command.Parameters.AddWithValue("holder", holder);
            if ((long)(await command.ExecuteScalarAsync(Token))! > 0)
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException("The subscription's creation never waited on the held audit log.");
    }

    private static List<JsonNode?> Events(string page) => [.. JsonNode.Parse(page)!["events"]!.AsArray()];

    private static JsonObject Subscription(string name, bool? backfill)
    {
        var subscription = PolicyScenario.DistrictSubscription(name, new JsonObject { ["regionPrefixes"] = new JsonArray("500103") },
            "/personId", "/policyId", "/hukouRegion", "/reasons", "/snapshot");
        if (backfill is { } flag)
        {
            subscription["backfill"] = flag;
        }

        return subscription;
    }

    private Task<string> SubscribeAsync(string name, bool backfill) => scenario.SubscribeAsync(Subscription(name, backfill));

    private Task<string> PullAsync(string name, string token, string? after = null) => scenario.PullAsync(name, token, after);

    private sealed record OpenTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
