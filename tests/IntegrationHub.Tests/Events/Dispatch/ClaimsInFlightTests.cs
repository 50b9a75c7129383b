using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Events.Dispatch;

/// <summary>One dispatcher with several batches of one subscription in flight at once (small batches, a slow webhook).</summary>
public sealed class ClaimsInFlightTests : IAsyncLifetime
{
    private DeliveryHarness hub = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(ClaimsInFlightTests), new Dictionary<string, string?>
        {
            ["Events:BatchSize"] = "3",
            ["Events:ClaimsInFlight"] = "4",
        });
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_SeveralBatchesInFlight_NeverTwoOfOnePersonAtOnceAndEachPersonInOrder()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("in-flight", new Uri(webhook.BaseAddress, "/in-flight"),
            "claims-in-flight-secret-0123456789abcdef", "/personId", "/spellId"));
        var gate = new object();
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        int concurrent = 0, mostConcurrent = 0, overlaps = 0;
        webhook.Respond = async request =>
        {
            var subjects = DeliveryHarness.CloudEvents(request).Select(e => e.GetProperty("subject").GetString()!).ToList();
            lock (gate)
            {
                overlaps += subjects.Count(s => !inFlight.Add(s));
                mostConcurrent = Math.Max(mostConcurrent, ++concurrent);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
            lock (gate)
            {
                concurrent--;
                inFlight.ExceptWith(subjects);
            }

            return 200;
        };
        var ids = new List<Guid>();
        for (var round = 0; round < 4; round++)
        {
            ids.AddRange(await hub.EmitAsync(Enumerable.Range(0, 12).Select(p => (Person(p), DeliveryHarness.Employment(Person(p), round)))));
        }

        await hub.DrainAsync();

        var delivered = webhook.Accepted.SelectMany(DeliveryHarness.CloudEvents).ToList();
        Assert.Equal(ids.Order(), delivered.Select(e => e.GetProperty("id").GetGuid()).Order());
        foreach (var person in delivered.GroupBy(e => e.GetProperty("subject").GetString()))
        {
            Assert.Equal(Enumerable.Range(0, 4).Select(DeliveryHarness.Spell), person.Select(e => e.GetProperty("data").GetProperty("spellId").GetString()));
        }

        Assert.Equal(0, overlaps);
        Assert.InRange(mostConcurrent, 2, 4);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state <> 'delivered'"));
    }

    private static string Person(int p) => PersonId.Format(700 + p);
}
