namespace IntegrationHub.Tests.Handler.Triggers;

/// <summary>Drives the handler exactly as the Azure Functions host does: POST /{FunctionName} with Data and Metadata.</summary>
public sealed class InvocationEndpointTests : HubServerTests
{
    [Fact]
    public async Task Invoke_HttpTriggerEnvelope_RepliesWithOutputsRes()
    {
        const string envelope = """
            {
              "Data": {
                "req": {
                  "Url": "http://localhost:7071/api/health",
                  "Method": "GET",
                  "Query": {},
                  "Headers": { "Accept": ["application/json"], "User-Agent": ["curl/8.0"] },
                  "Params": {},
                  "Identities": []
                }
              },
              "Metadata": {
                "Query": {},
                "Headers": { "Accept": "application/json" },
                "sys": { "MethodName": "Health", "UtcNow": "2026-11-21T04:00:00Z", "RandGuid": "6c1b9c2e-0000-0000-0000-000000000000" }
              }
            }
            """;

        using var reply = await PostAsync("/Health", envelope);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var res = reply.Json.RootElement.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("application/json", res.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(res.GetProperty("body").GetString()!);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.True(reply.Json.RootElement.TryGetProperty("Logs", out _));
        Assert.True(reply.Json.RootElement.TryGetProperty("ReturnValue", out _));
    }

    [Fact]
    public async Task Invoke_TimerTriggerEnvelope_RunsTheTimerAndReplies()
    {
        const string envelope = """
            {
              "Data": {
                "timer": {
                  "Schedule": { "AdjustForDST": true },
                  "ScheduleStatus": { "Last": "2026-11-20T03:17:00Z", "Next": "2026-11-21T03:17:00Z", "LastUpdated": "2026-11-20T03:17:00Z" },
                  "IsPastDue": false
                }
              },
              "Metadata": { "sys": { "MethodName": "AuditChainCheck", "UtcNow": "2026-11-21T03:17:00Z" } }
            }
            """;

        using var reply = await PostAsync("/AuditChainCheck", envelope);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(JsonValueKind.Object, reply.Json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Contains("timer ran", reply.Json.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Invoke_BodyNotJson_Returns400AndKeepsServing()
    {
        using var reply = await PostAsync("/Health", "{ this is not json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("not JSON", reply.Json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var health = await hub.Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Returns400NamingTheFunction()
    {
        using var reply = await PostAsync("/NoSuchFunction", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("NoSuchFunction", reply.Json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HttpEnvelopeWithoutRequest_Returns400()
    {
        using var reply = await PostAsync("/Health", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("Data.req", reply.Json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessPing_Root_Answers200()
    {
        using var response = await hub.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Reply> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await hub.Client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Reply(response.StatusCode, JsonDocument.Parse(text));
    }

    private sealed record Reply(HttpStatusCode Status, JsonDocument Json) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
