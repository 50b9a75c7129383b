namespace IntegrationHub.Tests.Events.Dispatch;

/// <summary>The hub's own dispatcher (the hosted service, LISTEN/NOTIFY) in a separate process, killed with SIGKILL while
/// a delivery is in flight; a second process takes the deliveries over when the dead one's lease expires.</summary>
public sealed class DispatcherKillTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["HUB_EVENTS__LEASE"] = "00:00:03",
        ["HUB_EVENTS__BATCHSIZE"] = "5",
        ["HUB_EVENTS__ALLOWLOOPBACKHTTP"] = "true",
        ["HUB_EVENTS__POLLINTERVAL"] = "00:00:00.500",
    };

    private string connectionString = null!;
    private NpgsqlDataSource dataSource = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        connectionString = await TestDatabase.CreateMigratedAsync(nameof(DispatcherKillTests));
        dataSource = NpgsqlDataSource.Create(connectionString);
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_DispatcherKilledMidDelivery_NoEventLostAndTheResentEventsKeepTheirIds()
    {
        var admin = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("admin", PrincipalKind.Admin, admin, Token);
        var inFlight = new TaskCompletionSource<ReceivedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        webhook.Respond = async request =>
        {
            if (inFlight.TrySetResult(request))
            {
                await release.Task;
            }

            return 200;
        };

        List<Guid> ids;
        using (var doomed = await HandlerProcess.StartAsync(connectionString, timers: true, environment: Environment))
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/admin/subscriptions", UriKind.Relative))
            {
                Content = new StringContent(DeliveryHarness.Webhook("survives-kill", new Uri(webhook.BaseAddress, "/kill"),
                    "kill-test-secret-0123456789abcdefghij", "/personId", "/spellId").ToJsonString(), Encoding.UTF8, "application/json"),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            Assert.Equal(201, (int)(await doomed.Client.SendAsync(create, Token)).StatusCode);

            ids = await EmitAsync(Enumerable.Range(0, 12).Select(i => (IntegrationHub.Identity.PersonId.Format(100 + (i % 3)), i)));
            var first = await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
            Assert.NotEmpty(DeliveryHarness.CloudEvents(first));
            doomed.Kill();
        }

        release.SetResult();
        using var survivor = await HandlerProcess.StartAsync(connectionString, timers: true, environment: Environment);
        for (var i = 0; i < 150 && await CountAsync("SELECT count(*) FROM delivery WHERE state = 'delivered'") < ids.Count; i++)
        {
            await Task.Delay(200, Token);
        }

        var requests = webhook.Received.ToList();
        var events = requests.SelectMany(DeliveryHarness.CloudEvents).ToList();
        Assert.Equal(ids.Order(), events.Select(e => e.GetProperty("id").GetGuid()).Distinct().Order());
        var resent = DeliveryHarness.CloudEvents(requests[0]).Select(e => e.GetProperty("id").GetGuid()).ToList();
        foreach (var id in resent)
        {
            Assert.True(events.Count(e => e.GetProperty("id").GetGuid() == id) >= 2, "the event the dead dispatcher was sending is sent again, same id");
        }

        // At least once, in per-person order: a request the dead process had sent may be sent again (under load more than
        // the held one can be in flight), so order is asserted on each event's first arrival, not on every copy.
        foreach (var person in events.GroupBy(e => e.GetProperty("subject").GetString()))
        {
            var firstArrivals = person.Select(e => int.Parse(e.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                .Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, 4), firstArrivals);
        }
    }

    private async Task<List<Guid>> EmitAsync(IEnumerable<(string Subject, int N)> events)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        var drafts = events.Select(e => new IntegrationHub.Platform.Outbox.EventDraft("cn.gov.hrss.hub.employment.started.v1", e.Subject,
            DateTimeOffset.UnixEpoch, DeliveryHarness.Employment(e.Subject, e.N))).ToList();
        var positions = await IntegrationHub.Platform.Outbox.EventOutbox.AppendAsync(connection, transaction, drafts, Token);
        await transaction.CommitAsync(Token);
        await using var command = dataSource.CreateCommand("SELECT event_id FROM event_outbox WHERE position = ANY (@p) ORDER BY position");
        command.Parameters.AddWithValue("p", positions.ToArray());
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
