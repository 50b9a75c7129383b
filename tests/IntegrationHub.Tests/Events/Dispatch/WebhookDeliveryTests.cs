using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Events.Dispatch;

public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-of-at-least-32-characters!";
    private DeliveryHarness hub = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(WebhookDeliveryTests));
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await hub.DisposeAsync();
    }

    private static string Person(int id) => PersonId.Format(id);

    [Fact]
    public async Task Dispatch_FieldsOutsideAllowList_NeverInTheBytesDeliveredAndTheRequestIsSigned()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("allow-list", new Uri(webhook.BaseAddress, "/allow"), Secret, "/personId", "/employmentForm"));
        var ids = await hub.EmitAsync([("P000000101", DeliveryHarness.Employment("P000000101", 1)), ("P000000102", DeliveryHarness.Employment("P000000102", 2))]);

        await hub.DrainAsync();

        var request = Assert.Single(webhook.Accepted);
        Assert.Equal("application/cloudevents-batch+json", request.Header("Content-Type"));
        foreach (var hidden in new[] { "sources", DeliveryHarness.HiddenRecord(1), DeliveryHarness.HiddenRecord(2), "employerCreditCode", DeliveryHarness.EmployerCreditCode, "spellId", DeliveryHarness.Spell(2) })
        {
            Assert.DoesNotContain(hidden, request.Text, StringComparison.Ordinal);
        }

        var events = DeliveryHarness.CloudEvents(request);
        Assert.Equal(ids, events.Select(e => e.GetProperty("id").GetGuid()));
        var first = events[0];
        Assert.Equal("1.0", first.GetProperty("specversion").GetString());
        Assert.Equal("/hub/cq", first.GetProperty("source").GetString());
        Assert.Equal("P000000101", first.GetProperty("subject").GetString());
        Assert.Equal("1", first.GetProperty("sequence").GetString());
        Assert.Equal("https://hub.example.gov.cn/contracts/events/cn.gov.hrss.hub.employment.started.v1.schema.json",
            first.GetProperty("dataschema").GetString());
        Assert.Equal(["personId", "employmentForm"], first.GetProperty("data").EnumerateObject().Select(p => p.Name));

        var signature = request.Header("X-Hub-Signature").Split(',');
        var t = signature[0]["t=".Length..];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(t + ".").Concat(request.Body).ToArray()));
        Assert.Equal("v1=" + expected, signature[1]);
        Assert.Equal(hub.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), t);
    }

    [Fact]
    public async Task Dispatch_WebhookDownForAWhileThenBack_AllArriveInPersonOrderWithoutGaps()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("down-then-back", new Uri(webhook.BaseAddress, "/down"), Secret, "/personId", "/spellId"));
        var down = true;
        webhook.Respond = _ => Task.FromResult(down ? 503 : 200);
        var ids = new List<Guid>();
        for (var round = 0; round < 3; round++)
        {
            ids.AddRange(await hub.EmitAsync(Enumerable.Range(0, 4).Select(p => (Person(200 + p), DeliveryHarness.Employment(Person(200 + p), round)))));
            await hub.DrainAsync();
            hub.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(webhook.Accepted);
        Assert.NotEmpty(webhook.Received);

        down = false;
        for (var i = 0; i < 10 && webhook.Accepted.SelectMany(DeliveryHarness.CloudEvents).Count() < ids.Count; i++)
        {
            hub.Clock.Advance(TimeSpan.FromMinutes(1));
            await hub.DrainAsync();
        }

        var delivered = webhook.Accepted.SelectMany(DeliveryHarness.CloudEvents).ToList();
        Assert.Equal(ids.Order(), delivered.Select(e => e.GetProperty("id").GetGuid()).Order());
        foreach (var person in delivered.GroupBy(e => e.GetProperty("subject").GetString()))
        {
            Assert.Equal([1L, 2L, 3L], person.Select(e => long.Parse(e.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(new[] { 0, 1, 2 }.Select(DeliveryHarness.Spell), person.Select(e => e.GetProperty("data").GetProperty("spellId").GetString()));
        }

        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state <> 'delivered'"));
    }

    [Fact]
    public async Task Dispatch_Webhook500Forever_DeadLettersAfterMaxAttemptsAndRedriveDeliversTheSameEvents()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("always-500", new Uri(webhook.BaseAddress, "/500"), Secret, "/personId"));
        var broken = true;
        webhook.Respond = r => Task.FromResult(broken && r.PathAndQuery == "/500" ? 500 : 200);
        var ids = await hub.EmitAsync([("P000000301", DeliveryHarness.Employment("P000000301", 1)), ("P000000301", DeliveryHarness.Employment("P000000301", 2)),
            ("P000000302", DeliveryHarness.Employment("P000000302", 1))]);

        for (var i = 0; i < 10; i++)
        {
            await hub.DrainAsync();
            hub.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, webhook.Received.Count(r => r.PathAndQuery == "/500"));
        Assert.Equal(3, await hub.CountAsync(
            "SELECT count(*) FROM delivery d JOIN subscription s USING (subscription_id) WHERE s.name = 'always-500' AND state = 'dead' AND attempts = 3"));

        broken = false;
        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions/always-500/redrive");
        Assert.Equal(200, status);
        ResponseCapture.Save("Redriven", body!.ToJsonString());
        Assert.Equal(3, body["redriven"]!.GetValue<int>());
        await hub.DrainAsync();

        var last = webhook.Accepted.Last(r => r.PathAndQuery == "/500");
        Assert.Equal(ids, DeliveryHarness.CloudEvents(last).Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'subscription.redriven' AND subject = 'always-500'"));
    }

    [Fact]
    public async Task Dispatch_SubscriptionDropsAFieldWhileEventsWait_TheFieldIsNotSent()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("drop-field", new Uri(webhook.BaseAddress, "/drop"), Secret, "/personId", "/employmentForm", "/from"));
        await hub.EmitAsync([("P000000401", DeliveryHarness.Employment("P000000401", 1))]);

        var (status, body) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/drop-field",
            """{"fields": ["/personId", "/from"]}""");
        Assert.Equal(200, status);
        ResponseCapture.Save("Subscription", body!.ToJsonString());
        await hub.DrainAsync();

        var request = Assert.Single(webhook.Accepted, r => r.PathAndQuery == "/drop");
        Assert.DoesNotContain("employmentForm", request.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("platform", request.Text, StringComparison.Ordinal);
        Assert.Contains("\"from\":\"2026-01\"", request.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_LowerPositionCommittingAfterAHigherOne_IsStillDelivered()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("late-commit", new Uri(webhook.BaseAddress, "/late"), Secret, "/personId"));
        await using var slow = await hub.DataSource.OpenConnectionAsync(Token);
        await using var slowTransaction = await slow.BeginTransactionAsync(Token);
        var early = await EventOutbox.AppendAsync(slow, slowTransaction,
            [new EventDraft("cn.gov.hrss.hub.employment.started.v1", "P000000501", hub.Clock.GetUtcNow(), DeliveryHarness.Employment("P000000501", 1))], Token);
        await hub.EmitAsync([("P000000502", DeliveryHarness.Employment("P000000502", 1))]);
        await hub.DrainAsync();
        Assert.Single(webhook.Accepted.Where(r => r.PathAndQuery == "/late").SelectMany(DeliveryHarness.CloudEvents));

        await slowTransaction.CommitAsync(Token);
        await hub.DrainAsync();

        var subjects = webhook.Accepted.Where(r => r.PathAndQuery == "/late").SelectMany(DeliveryHarness.CloudEvents)
            .Select(e => e.GetProperty("subject").GetString()).ToList();
        Assert.Equal(["P000000502", "P000000501"], subjects);
        Assert.True(early[0] < await hub.CountAsync("SELECT max(position) FROM event_outbox WHERE subject = 'P000000502'"));
    }

    [Fact]
    public async Task Dispatch_DeliveredBatch_AuditedOnceWithItsLegalBasisAndNoData()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("audited", new Uri(webhook.BaseAddress, "/audited"), Secret, "/personId"));
        await hub.EmitAsync(Enumerable.Range(0, 5).Select(i => (Person(600 + i), DeliveryHarness.Employment(Person(600 + i), i))));

        await hub.DrainAsync();

        await using var command = hub.DataSource.CreateCommand(
            "SELECT detail::text FROM audit_log WHERE action = 'events.delivered' AND subject = 'audited'");
        var detail = JsonNode.Parse((string)(await command.ExecuteScalarAsync(Token))!)!;
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'events.delivered' AND subject = 'audited'"));
        Assert.Equal(5, detail["events"]!.GetValue<int>());
        Assert.Equal("就业促进法 第十九条", detail["legalBasis"]!.GetValue<string>());
        Assert.DoesNotContain("secret-record", detail.ToJsonString(), StringComparison.Ordinal);
    }
}
