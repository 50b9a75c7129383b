namespace IntegrationHub.Tests.Events.Subscriptions;

/// <summary>The admin API on a hub in Production (no http webhooks, not even on loopback).</summary>
public sealed class SubscriptionsApiTests() : DeliveryHarnessTests(AsInProduction())
{
    private static JsonObject Valid(string name) => DeliveryHarness.Webhook(name, new Uri("https://policy.example.gov.cn/hooks/hub"), Secret,
        "/personId", "/employmentForm");

    [Fact]
    public async Task Post_ValidWebhook_CreatesItAuditedWithItsSecretEncryptedAndNeverShown()
    {
        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("policy-push").ToJsonString());

        Assert.Equal(201, status);
        ResponseCapture.Save("Subscription", body!.ToJsonString());
        Assert.DoesNotContain(Secret, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("https://policy.example.gov.cn/hooks/hub", body["destination"]!["url"]!.GetValue<string>());
        var token = body["subscriberToken"]!.GetValue<string>();
        var principal = await hub.Server.Services.GetRequiredService<CredentialStore>().AuthenticateAsync(token, Token);
        Assert.Equal(new Principal("policy-push-dept", PrincipalKind.Subscriber), principal);

        await using var cipher = hub.DataSource.CreateCommand("SELECT secret_cipher FROM subscription WHERE name = 'policy-push'");
        var stored = (byte[])(await cipher.ExecuteScalarAsync(Token))!;
        Assert.DoesNotContain(Secret, Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'subscription.created' AND subject = 'policy-push'"));
        Assert.Equal(0, await hub.CountAsync($"SELECT count(*) FROM audit_log WHERE detail::text LIKE '%{Secret}%'"));

        var (listed, list) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions");
        Assert.Equal(200, listed);
        ResponseCapture.Save("SubscriptionList", list!.ToJsonString());
        Assert.Contains(list["subscriptions"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "policy-push");
        Assert.DoesNotContain(Secret, list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SecondSubscriptionOfAKnownSubscriber_IssuesNoNewToken()
    {
        await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("first-of-two").ToJsonString());
        var second = Valid("second-of-two");
        second["subscriber"] = "first-of-two-dept";

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", second.ToJsonString());

        Assert.Equal(201, status);
        Assert.Null(body!["subscriberToken"]);
    }

    [Fact]
    public async Task Post_EveryFieldWrong_ListsEachErrorWithItsPointerAndCode()
    {
        var bad = new JsonObject
        {
            ["name"] = "Bad Name",
            ["subscriber"] = "",
            ["legalBasis"] = "law",
            ["purpose"] = "push",
            ["eventTypes"] = new JsonArray("cn.gov.hrss.hub.person.created.v1", "cn.gov.hrss.hub.nothing.v1", "org.other.*"),
            ["fields"] = new JsonArray("/name", "name", "/a~2b", "/identityNumber"),
            ["identityNumbers"] = false,
            ["extra"] = 1,
            ["destination"] = new JsonObject { ["kind"] = "webhook", ["url"] = "http://policy.example.gov.cn/hook", ["secret"] = "short" },
        };

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", bad.ToJsonString());

        Assert.Equal(400, status);
        ResponseCapture.Save("Error", body!.ToJsonString());
        Assert.Equal("subscription-invalid", body["code"]!.GetValue<string>());
        var errors = body["errors"]!.AsArray().Select(e => (e!["path"]!.GetValue<string>(), e["code"]!.GetValue<string>())).ToHashSet();
        Assert.Equal(new HashSet<(string, string)>
        {
            ("/extra", "unknown-field"),
            ("/name", "pattern"),
            ("/subscriber", "type"),
            ("/eventTypes/1", "unknown-event-type"),
            ("/eventTypes/2", "unknown-event-type"),
            ("/fields/1", "pointer"),
            ("/fields/2", "pointer"),
            ("/fields/3", "identity-numbers-not-granted"),
            ("/destination/url", "url-not-https"),
            ("/destination/secret", "secret-too-short"),
        }, errors);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM subscription"));
    }

    [Fact]
    public async Task Post_SameNameTwice_Returns409()
    {
        Assert.Equal(201, (await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("twice").ToJsonString())).Status);

        var (status, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("twice").ToJsonString());

        Assert.Equal(409, status);
        ResponseCapture.Save("Error", body!.ToJsonString());
        Assert.Equal("subscription-exists", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_NotJsonOrUnknownKind_Returns400()
    {
        var (notJson, body) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", "{not json");
        Assert.Equal(400, notJson);
        ResponseCapture.Save("Error", body!.ToJsonString());
        Assert.Equal("json", body["code"]!.GetValue<string>());

        var kind = Valid("odd-kind");
        kind["destination"] = new JsonObject { ["kind"] = "ftp" };
        var (status, error) = await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", kind.ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal("/destination/kind", error!["errors"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutPatchDelete_ChangeTheSubscriptionKeepTheSecretAndAreAudited()
    {
        await hub.AdminAsync(HttpMethod.Post, "/api/admin/subscriptions", Valid("changing").ToJsonString());
        var replaced = Valid("changing");
        replaced["purpose"] = "graduate follow-up";
        ((JsonObject)replaced["destination"]!).Remove("secret");

        var (put, putBody) = await hub.AdminAsync(HttpMethod.Put, "/api/admin/subscriptions/changing", replaced.ToJsonString());
        Assert.Equal(200, put);
        ResponseCapture.Save("Subscription", putBody!.ToJsonString());
        Assert.Equal("graduate follow-up", putBody["purpose"]!.GetValue<string>());
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM subscription WHERE name = 'changing' AND secret_cipher IS NOT NULL"));

        var (patch, patchBody) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/changing",
            """{"destination": {"url": "https://other.example.gov.cn/hook"}}""");
        Assert.Equal(200, patch);
        Assert.Equal("https://other.example.gov.cn/hook", patchBody!["destination"]!["url"]!.GetValue<string>());

        var (rename, _) = await hub.AdminAsync(HttpMethod.Patch, "/api/admin/subscriptions/changing", """{"name": "renamed"}""");
        Assert.Equal(400, rename);

        var (get, one) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions/changing");
        Assert.Equal(200, get);
        ResponseCapture.Save("Subscription", one!.ToJsonString());

        Assert.Equal(204, (await hub.AdminAsync(HttpMethod.Delete, "/api/admin/subscriptions/changing")).Status);
        var (gone, goneBody) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions/changing");
        Assert.Equal(404, gone);
        ResponseCapture.Save("Error", goneBody!.ToJsonString());
        Assert.Equal(2, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'subscription.changed' AND subject = 'changing'"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'subscription.deleted' AND subject = 'changing'"));
    }

    [Fact]
    public async Task Requests_WithoutAdminToken_Return401Or403()
    {
        var subscriber = BearerToken.Create();
        await hub.Server.Services.GetRequiredService<CredentialStore>().IssueAsync("some-subscriber", PrincipalKind.Subscriber, subscriber, Token);

        var (forbidden, body) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions", token: subscriber);
        var (unauthorized, _) = await hub.AdminAsync(HttpMethod.Get, "/api/admin/subscriptions", token: "hub_unknown");

        Assert.Equal(403, forbidden);
        ResponseCapture.Save("Error", body!.ToJsonString());
        Assert.Equal(401, unauthorized);
    }
}
