namespace IntegrationHub.Tests.Intake;

public sealed class CrashRecoveryTests
{
    private const int Records = 100_000;
    private const int SentBeforeTheKill = 60_000;

    [Fact]
    public async Task Submit_HubKilledMidNdjsonBatch_ResendStoresEveryRecordExactlyOnce()
    {
        var (connectionString, token) = await TestDatabase.CreateMigratedWithTokenAsync("crash", "tax");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var lines = Enumerable.Range(0, Records).Select(i => Encoding.UTF8.GetBytes(TaxRecords.Record($"crash-{i}", TaxRecords.IdNumber(i)) + "\n"))
            .Prepend(Encoding.UTF8.GetBytes(TaxRecords.Envelope("crash-1") + "\n")).ToArray();

        using (var first = await HandlerProcess.StartAsync(connectionString))
        {
            var stalled = new TaskCompletionSource();
            var sending = SendAsync(first.Client, token, new StallingContent(lines, SentBeforeTheKill, stalled.Task).WithType());
            await WaitForAsync(dataSource, "SELECT count(*) FROM intake_line WHERE batch_id = 'crash-1'", atLeast: 40_000);
            first.Kill();

            // Released only now, the sender writes into a dead connection and fails as a real sender would.
            stalled.SetResult();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => sending);
        }

        var storedBeforeResend = await dataSource.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id = 'crash-1'");
        Assert.InRange(storedBeforeResend, 40_000, Records - 1);
        Assert.Equal(0, await dataSource.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'crash-1' AND completed_at IS NOT NULL"));

        using var second = await HandlerProcess.StartAsync(connectionString);
        var response = await SendAsync(second.Client, token, new StallingContent(lines, lines.Length, Task.CompletedTask).WithType());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        using var report = JsonDocument.Parse(response.Body);
        Assert.Equal(Records, report.RootElement.GetProperty("received").GetInt32());
        Assert.Equal(Records, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(Records, await dataSource.CountAsync("SELECT count(*) FROM source_record WHERE batch_id = 'crash-1'"));
        Assert.Equal(Records, await dataSource.CountAsync("SELECT count(DISTINCT record_id) FROM source_record WHERE batch_id = 'crash-1'"));
        Assert.Equal(Records, await dataSource.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id = 'crash-1'"));
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string token, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/feeds/tax/wage-withholding", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitForAsync(NpgsqlDataSource dataSource, string sql, long atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await dataSource.CountAsync(sql) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} lines were stored within 120 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Streams the first lines, then holds the request open until released, so the kill lands mid-batch.</summary>
    private sealed class StallingContent(byte[][] lines, int sendBeforeStall, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (i == sendBeforeStall)
                {
                    await stream.FlushAsync();
                    await release;
                }

                await stream.WriteAsync(lines[i]);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        public StallingContent WithType()
        {
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            return this;
        }
    }
}
