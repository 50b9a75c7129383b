namespace IntegrationHub.Tests.Events.Pull;

public sealed class PullFeedTests : DeliveryHarnessTests
{
    private async Task<string> SubscribePullAsync(string name)
    {
        var subscription = DeliveryHarness.Webhook(name, new Uri("https://unused.example"), "unused", "/personId", "/spellId");
        subscription["destination"] = new JsonObject { ["kind"] = "pull" };
        var created = await hub.SubscribeAsync(subscription);
        return created["subscriberToken"]!.GetValue<string>();
    }

    private async Task<(int Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await hub.Server.Client.SendAsync(request, Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        var node = JsonNode.Parse(bytes);
        var schema = (int)response.StatusCode != 200 ? "Error" : path.EndsWith("/ack", StringComparison.Ordinal) ? "Acknowledged" : "EventPage";
        if (schema == "EventPage")
        {
            DeliveredCapture.SavePullPage(bytes);
        }

        ResponseCapture.Save(schema, node!.ToJsonString());
        return ((int)response.StatusCode, node);
    }

    [Fact]
    public async Task Pull_UnacknowledgedEvents_ComeAgainUntilAcknowledged()
    {
        var token = await SubscribePullAsync("pull-again");
        var ids = await hub.EmitAsync(Enumerable.Range(1, 5).Select(i => ("P000000011", DeliveryHarness.Employment("P000000011", i))));

        var (status, first) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-again/events?limit=3", token);
        Assert.Equal(200, status);
        Assert.Equal(ids.Take(3).Select(i => i.ToString()), first!["events"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.DoesNotContain("secret-record", first.ToJsonString(), StringComparison.Ordinal);

        var (_, again) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-again/events?limit=3", token);
        Assert.Equal(first.ToJsonString(), again!.ToJsonString());

        var next = first["next"]!.GetValue<string>();
        var (_, onward) = await CallAsync(HttpMethod.Get, $"/api/subscriptions/pull-again/events?after={next}", token);
        Assert.Equal(ids.Skip(3).Select(i => i.ToString()), onward!["events"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));

        var (acked, ack) = await CallAsync(HttpMethod.Post, "/api/subscriptions/pull-again/ack", token, $$"""{"cursor": "{{next}}"}""");
        Assert.Equal(200, acked);
        Assert.Equal(next, ack!["acknowledged"]!.GetValue<string>());
        var (_, afterAck) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-again/events", token);
        Assert.Equal(ids.Skip(3).Select(i => i.ToString()), afterAck!["events"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.True(await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'events.delivered' AND subject = 'pull-again'") >= 1);
    }

    [Fact]
    public async Task Pull_CursorOfAnotherSubscription_Returns403()
    {
        var mine = await SubscribePullAsync("pull-mine");
        var theirs = await SubscribePullAsync("pull-theirs");
        await hub.EmitAsync([("P000000012", DeliveryHarness.Employment("P000000012", 1))]);
        var (_, page) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-theirs/events", theirs);
        var theirCursor = page!["next"]!.GetValue<string>();

        var (read, readBody) = await CallAsync(HttpMethod.Get, $"/api/subscriptions/pull-mine/events?after={theirCursor}", mine);
        var (ack, _) = await CallAsync(HttpMethod.Post, "/api/subscriptions/pull-mine/ack", mine, $$"""{"cursor": "{{theirCursor}}"}""");
        var (otherFeed, otherBody) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-theirs/events", mine);

        Assert.Equal(403, read);
        Assert.Equal("cursor-not-yours", readBody!["code"]!.GetValue<string>());
        Assert.Equal(403, ack);
        Assert.Equal(403, otherFeed);
        Assert.Equal("forbidden", otherBody!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pull_CursorFromTheFutureOrMalformed_Returns400()
    {
        var token = await SubscribePullAsync("pull-future");
        await hub.EmitAsync([("P000000013", DeliveryHarness.Employment("P000000013", 1))]);
        var (_, page) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-future/events", token);
        var next = page!["next"]!.GetValue<string>();
        var subscriptionId = next[..next.IndexOf('-', StringComparison.Ordinal)];

        var (future, futureBody) = await CallAsync(HttpMethod.Get, $"/api/subscriptions/pull-future/events?after={subscriptionId}-999999", token);
        var (futureAck, _) = await CallAsync(HttpMethod.Post, "/api/subscriptions/pull-future/ack", token, $$"""{"cursor": "{{subscriptionId}}-999999"}""");
        var (malformed, malformedBody) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-future/events?after=abc", token);
        var (limit, _) = await CallAsync(HttpMethod.Get, "/api/subscriptions/pull-future/events?limit=0", token);

        Assert.Equal(400, future);
        Assert.Equal("cursor-future", futureBody!["code"]!.GetValue<string>());
        Assert.Equal("/after", futureBody["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(400, futureAck);
        Assert.Equal(400, malformed);
        Assert.Equal("cursor-invalid", malformedBody!["code"]!.GetValue<string>());
        Assert.Equal(400, limit);
        Assert.Equal(0, await hub.CountAsync("SELECT pull_cursor FROM subscription WHERE name = 'pull-future'"));
    }
}
