using IntegrationHub.Events.Dispatch;
using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Events.Dispatch;

public sealed class TwoDispatchersTests : IAsyncLifetime
{
    private DeliveryHarness hub = null!;
    private RecordingListener webhook = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await DeliveryHarness.StartAsync(nameof(TwoDispatchersTests), manualClock: false);
        webhook = await RecordingListener.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await webhook.DisposeAsync();
        await hub.DisposeAsync();
    }

    private static string Person(int p) => PersonId.Format(100 + p);

    [Fact]
    public async Task Dispatch_TwoDispatchersAtOnce_EachEventOncePerSubscriptionInPersonOrder()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("two-a", new Uri(webhook.BaseAddress, "/a"), "two-dispatchers-secret-0123456789abcdef", "/spellId"));
        await hub.SubscribeAsync(DeliveryHarness.Webhook("two-b", new Uri(webhook.BaseAddress, "/b"), "two-dispatchers-secret-0123456789abcdef", "/spellId"));
        webhook.Respond = async _ =>
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
            return 200;
        };
        var first = hub.Dispatcher;
        var second = ActivatorUtilities.CreateInstance<Dispatcher>(hub.Server.Services);
        Assert.NotEqual(first.Owner, second.Owner);
        using var stop = new CancellationTokenSource();
        var loops = new[] { first, second }.Select(d => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await d.RunOnceAsync(CancellationToken.None);
            }
        })).ToArray();

        var ids = new List<Guid>();
        for (var round = 0; round < 20; round++)
        {
            ids.AddRange(await hub.EmitAsync(Enumerable.Range(0, 10).Select(p => (Person(p), DeliveryHarness.Employment(Person(p), round)))));
        }

        for (var i = 0; i < 300 && await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'delivered'") < ids.Count * 2; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);

        foreach (var path in new[] { "/a", "/b" })
        {
            var events = webhook.Accepted.Where(r => r.PathAndQuery == path).SelectMany(DeliveryHarness.CloudEvents).ToList();
            Assert.Equal(ids.Order(), events.Select(e => e.GetProperty("id").GetGuid()).Order());
            foreach (var person in events.GroupBy(e => e.GetProperty("subject").GetString()))
            {
                Assert.Equal(Enumerable.Range(0, 20).Select(DeliveryHarness.Spell), person.Select(e => e.GetProperty("data").GetProperty("spellId").GetString()));
            }
        }
    }
}
