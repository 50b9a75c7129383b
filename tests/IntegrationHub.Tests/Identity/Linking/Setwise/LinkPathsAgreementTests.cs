using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Identity.Linking.Setwise;

/// <summary>
/// The same batches, in the same order, into two hubs: one links every batch set-wise, the other chunk by chunk. Person ids
/// differ between the two databases, so persons are compared by the records they hold.
/// </summary>
public sealed class LinkPathsAgreementTests : IAsyncLifetime
{
    private IntakeHarness setwise = null!;
    private IntakeHarness chunked = null!;

    public async ValueTask InitializeAsync()
    {
        setwise = await IntakeHarness.StartAsync("paths_setwise",
            new Dictionary<string, string?> { ["Identity:SetwiseThreshold"] = "0", ["Identity:SetwiseSegmentSize"] = "7" });
        chunked = await IntakeHarness.StartAsync("paths_chunked",
            new Dictionary<string, string?> { ["Identity:SetwiseThreshold"] = "1000000", ["Identity:ChunkSize"] = "3" });
    }

    public async ValueTask DisposeAsync()
    {
        await setwise.DisposeAsync();
        await chunked.DisposeAsync();
    }

    [Fact]
    public async Task LinkAllAsync_SameRecordsThroughEitherPath_SamePersonsReviewsDeferralsAndGoldenRecords()
    {
        var batches = await MixedBatches.SendToBothAsync(setwise, chunked, async () =>
        {
            await setwise.RunLinkersAsync();
            await chunked.RunLinkersAsync();
        });

        var expected = await LinkageSnapshot.AssertSameAsync(chunked.DataSource, setwise.DataSource);

        // The data exercised what it is meant to: corrections that moved records, a review, an invalid and a missing number.
        Assert.True(expected.Reviews.Count >= 1);
        Assert.Contains(expected.Persons, p => p.Contains("tax/wage-withholding/t-3#2", StringComparison.Ordinal)
                                              && p.Contains("ps/household-registration/h-8#1", StringComparison.Ordinal));
        Assert.Contains(expected.Persons, p => p.Contains("t-7#1", StringComparison.Ordinal) || p.Contains("t-nonum#1", StringComparison.Ordinal));
        Assert.Equal(0, await chunked.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'setwise'"));
        Assert.True(await setwise.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'setwise'") >= batches);
    }
}
