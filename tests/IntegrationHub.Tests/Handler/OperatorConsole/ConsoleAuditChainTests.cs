using IntegrationHub.Handler.Api.Audit;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The dashboard's audit chain card, now kept incrementally: it must still report a chain broken behind the triggers.</summary>
public sealed partial class ConsoleAuditChainTests() : SignedInConsoleTests("audra")
{
    [Fact]
    public async Task Dashboard_EntrySealedAfterTheLastViewAlteredBehindTheTrigger_ReportsTheChainBrokenAtIt()
    {
        await Hub.DataSource.SealEverythingAsync();
        var before = await AuditCardAsync();
        // The ledger's read is audited: an entry sealed after the view.
        await Client.GetAsync("/console/graduates");
        await Hub.DataSource.SealEverythingAsync();
        var altered = await Hub.CountAsync("SELECT max(seq) FROM audit_seal");
        await Hub.DataSource.AlterAuditEntryBehindTheTriggerAsync(altered);

        var after = await AuditCardAsync();

        Assert.Contains("完好", before, StringComparison.Ordinal);
        Assert.Contains("断裂于序号 " + altered, after, StringComparison.Ordinal);
        Assert.Equal(altered, await Hub.CountAsync("SELECT broken_seq FROM audit_verification"));
    }

    [Fact]
    public async Task Dashboard_EntryVerifiedEarlierAlteredBehindTheTrigger_ReportsTheChainBrokenOnceTheDailyCheckWalkedIt()
    {
        await Client.GetAsync("/console/graduates");
        await Hub.DataSource.SealEverythingAsync();
        await AuditCardAsync();
        var altered = await Hub.CountAsync("SELECT seq FROM audit_seal WHERE position = 1");
        await Hub.DataSource.AlterAuditEntryBehindTheTriggerAsync(altered);
        var beforeTheWalk = await AuditCardAsync();

        await using (var scope = Hub.Server.Services.CreateAsyncScope())
        {
            var check = scope.ServiceProvider.GetRequiredService<AuditChainCheckFunction>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => check.RunAsync(new TimerInvocation(false, DateTimeOffset.UtcNow),
                TestContext.Current.CancellationToken));
        }

        var afterTheWalk = await AuditCardAsync();
        var later = await AuditCardAsync();

        // Incremental: the entry lies before the seal last verified, which the dashboard does not walk again.
        Assert.Contains("完好", beforeTheWalk, StringComparison.Ordinal);
        Assert.Contains("断裂于序号 " + altered, afterTheWalk, StringComparison.Ordinal);
        Assert.Contains("断裂于序号 " + altered, later, StringComparison.Ordinal);
    }

    private async Task<string> AuditCardAsync()
    {
        var (status, html, _) = await Client.GetAsync("/console/");
        Assert.Equal(200, status);
        return AuditCard().Match(html).Value;
    }

    [GeneratedRegex("<div class=\"card[^\"]*\" id=\"card-audit-chain\">.*?</div></div>")]
    private static partial Regex AuditCard();
}
