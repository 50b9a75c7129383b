namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary><c>GET /api/persons/{id}/events</c>: the person's events in their sequence, paged, audited; bad paging refused.</summary>
public sealed class PersonEventsFunctionTests : PersonReadScenarioTests
{
    private Task<Infrastructure.IntakeHarness.Response> EventsAsync(string query = "", string principal = "admin", string? personId = null) =>
        scenario.SendAsync(HttpMethod.Get, $"/api/persons/{personId ?? scenario.WorkerId}/events{query}", principal, schema: "PersonEventPage");

    [Fact]
    public async Task Events_Person_AreTheOutboxEventsOfTheSubjectInSequence()
    {
        var read = await EventsAsync();

        Assert.Equal(200, read.Status);
        var events = read.Json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal("cn.gov.hrss.hub.person.created.v1", events[0].GetProperty("type").GetString());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "cn.gov.hrss.hub.employment.started.v1");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "cn.gov.hrss.hub.unemployment.registered.v1");
        Assert.All(events, e => Assert.Equal(scenario.WorkerId, e.GetProperty("data").GetProperty("personId").GetString()));
        Assert.Equal(await scenario.Hub.CountAsync($"SELECT count(*) FROM event_outbox WHERE subject = '{scenario.WorkerId}'"), events.Count);
        Assert.DoesNotContain(PersonReadScenario.Worker, read.Body, StringComparison.Ordinal);
        Assert.Null(read.Json.GetProperty("next").GetString());
    }

    /// <summary>A backfilled subscription's snapshot copies the person's open facts into the outbox as events under her subject,
    /// for that subscriber alone: her history is what happened to her, and does not change.</summary>
    [Fact]
    public async Task Events_AfterABackfilledSubscription_LeaveOutItsSnapshotCopies()
    {
        var before = await EventsAsync();
        var subscription = new JsonObject
        {
            ["name"] = "history-backfill",
            ["subscriber"] = "history-service",
            ["legalBasis"] = "就业促进法 第十九条",
            ["purpose"] = "employment service follow-up",
            ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.employment.*", "cn.gov.hrss.hub.unemployment.*"),
            ["fields"] = new JsonArray("/personId"),
            ["identityNumbers"] = false,
            ["destination"] = new JsonObject { ["kind"] = "pull" },
            ["backfill"] = true,
        };
        Assert.Equal(201, (await scenario.SendAsync(HttpMethod.Post, "/api/admin/subscriptions", "admin", subscription.ToJsonString(),
            schema: "Subscription")).Status);

        var after = await EventsAsync();

        Assert.NotEqual(0, await scenario.Hub.CountAsync($"""
            SELECT count(*) FROM event_outbox e JOIN subscription_snapshot_event x ON x.position = e.position
            WHERE e.subject = '{scenario.WorkerId}'
            """));
        Assert.Equal(before.Json.GetProperty("events").GetRawText(), after.Json.GetProperty("events").GetRawText());
        Assert.Null(after.Json.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Events_LimitOne_PagesThroughWithNext()
    {
        var first = await EventsAsync("?limit=1", "hr");
        var second = await EventsAsync($"?limit=1&after={first.Json.GetProperty("next").GetInt64()}", "hr");

        Assert.Equal(1, first.Json.GetProperty("next").GetInt64());
        Assert.Equal(2, Assert.Single(second.Json.GetProperty("events").EnumerateArray()).GetProperty("sequence").GetInt64());
        var audited = await scenario.AuditAsync("person.events.read");
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.Equal(("hr", PersonReadScenario.Purpose, scenario.WorkerId), (a.Actor, a.Purpose, a.Subject)));
    }

    [Theory]
    [InlineData("?limit=0", "/limit")]
    [InlineData("?limit=1001", "/limit")]
    [InlineData("?limit=ten", "/limit")]
    [InlineData("?after=-1", "/after")]
    public async Task Events_BadPaging_Returns400WithPointer(string query, string pointer)
    {
        var refused = await EventsAsync(query);

        Assert.Equal(400, refused.Status);
        var error = Assert.Single(refused.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal((pointer, "range"), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Events_UnknownPerson_Returns404()
    {
        var refused = await EventsAsync(personId: "P999999999");

        Assert.Equal((404, "unknown-person"), (refused.Status, refused.Json.GetProperty("code").GetString()));
        Assert.Empty(await scenario.AuditAsync("person.events.read"));
    }
}
