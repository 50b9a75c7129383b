using IntegrationHub.Identity.Linking;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Identity.Linking;

/// <summary>Scenarios that every linking path (chunk by chunk, set-wise) must come through alike: each sends its records,
/// links them and checks what was linked.</summary>
/// <remarks>The path is chosen by the configuration of the caller's hub; record ids start with <c>prefix</c> so that a test
/// class can run more than one scenario on one database.</remarks>
internal static class LinkScenarios
{
    /// <summary>A mistyped number and a record without one are deferred with their reasons, never guessed.</summary>
    public static async Task MissingOrInvalidNumberIsDeferredAsync(IntakeHarness hub, DeterministicLinker linker, string batchId,
        string prefix, int seed)
    {
        var mistyped = TaxRecords.WithFailingCheck(TaxRecords.IdNumber(seed));
        var noNumber = TaxRecords.RecordWithoutNumber($"{prefix}-2");
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json(batchId, TaxRecords.Record($"{prefix}-1", mistyped), noNumber));

        var outcome = await linker.LinkAllAsync(Token);

        Assert.Equal(2, outcome.Deferred);
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM link_deferred WHERE record_id = '{prefix}-1' AND reason = 'invalid-id-number'"));
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM link_deferred WHERE record_id = '{prefix}-2' AND reason = 'no-id-number'"));
    }

    /// <summary>Two linkers on two batches of the same 20 numbers in opposite orders make one person per number and link
    /// every record once.</summary>
    /// <param name="post">Sends one batch (as JSON or NDJSON): its id and its records.</param>
    public static async Task TwoLinkersOnOverlappingBatchesLinkOnceAsync(IntakeHarness hub, DeterministicLinker linker,
        Func<string, string[], Task> post, string prefix, int seed)
    {
        var ids = Enumerable.Range(seed, 20).Select(TaxRecords.IdNumber).ToArray();
        await post($"{prefix}-race-a", ids.Select((id, i) => TaxRecords.Record($"{prefix}a-{i}", id)).ToArray());
        await post($"{prefix}-race-b", ids.Reverse().Select((id, i) => TaxRecords.Record($"{prefix}b-{i}", id)).ToArray());

        await Task.WhenAll(linker.LinkAllAsync(Token), linker.LinkAllAsync(Token));

        Assert.Equal(20, await hub.CountAsync($"SELECT count(DISTINCT person_id) FROM person_link WHERE record_id LIKE '{prefix}_-%'"));
        Assert.Equal(40, await hub.CountAsync($"SELECT count(*) FROM person_link WHERE record_id LIKE '{prefix}_-%'"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE linked_through < stored_through"));
    }
}
