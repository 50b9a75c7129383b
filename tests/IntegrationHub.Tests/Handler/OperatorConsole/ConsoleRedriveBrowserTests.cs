namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>Redriving a subscription's dead letters from the console, in headless Chromium, against a real hub and webhook.</summary>
public sealed class ConsoleRedriveBrowserTests : DeliveryHarnessTests
{
    private RecordingListener webhook = null!;
    private ConsoleBrowser browser = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        webhook = await RecordingListener.StartAsync();
        browser = await ConsoleBrowser.LaunchAsync(hub.Server.BaseAddress);
    }

    public override async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await webhook.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Redrive_DeadLetters_ShowsProgressAndTheEventsAreDeliveredUnderTheOperatorsName()
    {
        await hub.SubscribeAsync(DeliveryHarness.Webhook("policy-push", new Uri(webhook.BaseAddress, "/hook"), Secret, "/personId"));
        var broken = true;
        webhook.Respond = _ => Task.FromResult(broken ? 500 : 200);
        var ids = await hub.EmitAsync([("P000000401", DeliveryHarness.Employment("P000000401", 1)), ("P000000402", DeliveryHarness.Employment("P000000402", 1))]);
        for (var i = 0; i < 10; i++)
        {
            await hub.DrainAsync();
            hub.Clock.Advance(TimeSpan.FromHours(1));
        }

        var password = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "rita", OperatorRole.Reviewer);
        var page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "rita", password, "/console/subscriptions");
        Assert.Contains("policy-push", await page.InnerTextAsync("#subscriptions"), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "subscriptions");
        await page.ClickAsync("#subscriptions >> text=policy-push");
        Assert.Equal(2, await page.Locator("#dead-letters tr").CountAsync() - 1);
        await ConsoleBrowser.ScreenshotAsync(page, "subscription-dead-letters");

        broken = false;
        await page.ClickAsync("button:has-text('重新投递死信')");
        var progress = await page.InnerTextAsync("#progress");
        await ConsoleBrowser.ScreenshotAsync(page, "subscription-redriving");
        await hub.DrainAsync();
        await page.ReloadAsync();

        Assert.Contains("2", progress, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#dead-letters tr").CountAsync() - 1);
        Assert.Equal(2, await hub.CountAsync("SELECT count(*) FROM delivery WHERE state = 'delivered'"));
        Assert.Equal(ids.Order(), webhook.Accepted.SelectMany(DeliveryHarness.CloudEvents).Select(e => e.GetProperty("id").GetGuid()).Order());
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'subscription.redriven' AND actor = 'operator:rita' AND subject = 'policy-push'"));
    }
}
