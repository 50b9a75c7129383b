namespace IntegrationHub.Tests.Handler.Api.Queue;

/// <summary>Service Bus messages as the Functions host delivers them to the custom handler.</summary>
public sealed class QueueIntakeFunctionTests : IntakeHarnessTests
{
    [Fact]
    public async Task Invoke_ServiceBusEnvelope_StoresTheBatchAndReplies200()
    {
        var batch = TaxRecords.Json("q-1", TaxRecords.Record("q-r1", TaxRecords.IdNumber(1)), TaxRecords.Record("q-r2", TaxRecords.IdNumber(2)));

        var (status, reply) = await InvokeAsync("QueueIntakeTax", batch, """{"feed":"wage-withholding"}""");

        Assert.Equal(200, status);
        Assert.Contains("accepted 2", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'q-1' AND channel = 'queue'"));
    }

    [Fact]
    public async Task Invoke_MessageThatCanNeverSucceed_IsCompletedAndAudited()
    {
        var (status, reply) = await InvokeAsync("QueueIntakeTax", "not a batch", """{"feed":"wage-withholding"}""");

        Assert.Equal(200, status);
        Assert.StartsWith("json", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'feed.refused' AND subject = 'queue/m-1'"));
    }

    [Fact]
    public async Task Invoke_DatabaseDown_FailsTheInvocationSoTheBrokerRedelivers()
    {
        await using var down = await HubServer.StartAsync("Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=hub;Timeout=2",
            new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var (status, _) = await InvokeAsync("QueueIntakeTax", TaxRecords.Json("q-down-1"), """{"feed":"wage-withholding"}""", down.Client);

        Assert.Equal(500, status);
    }

    private async Task<(int Status, JsonElement Reply)> InvokeAsync(string function, string body, string properties, HttpClient? client = null)
    {
        // The host JSON-encodes metadata values a second time: strings arrive double-quoted, numbers as strings.
        var envelope = JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(body) },
            Metadata = new Dictionary<string, object>
            {
                ["MessageId"] = "\"m-1\"",
                ["DeliveryCount"] = "1",
                ["ContentType"] = "\"application/json\"",
                ["UserProperties"] = properties,
                ["sys"] = new { MethodName = function, UtcNow = "2026-11-21T04:00:00Z" },
            },
        });
        using var content = new StringContent(envelope, Encoding.UTF8, "application/json");
        using var response = await (client ?? hub.Server.Client).PostAsync(new Uri("/" + function, UriKind.Relative), content,
            TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement);
    }
}
