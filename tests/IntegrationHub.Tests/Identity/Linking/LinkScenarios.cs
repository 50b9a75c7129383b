using IntegrationHub.Identity.Linking;

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

    /// <summary>A household record corrected to another number moves to that number's person, and the person it left is
    /// rebuilt from what it still holds (its name now comes from tax).</summary>
    public static async Task CorrectionToAnotherNumberMovesTheRecordAsync(IntakeHarness hub, DeterministicLinker linker, string prefix,
        int seed)
    {
        var (wrong, right) = (TaxRecords.IdNumber(seed), TaxRecords.IdNumber(seed + 1));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"{prefix}-ps-1", $"{prefix}-1", wrong, "吴敏", Households.BirthDate(wrong)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"{prefix}-ps-2", $"{prefix}-2", right, "郑洁", Households.BirthDate(right)));
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json($"{prefix}-tax-1", TaxRecords.Record($"{prefix}-t", wrong, name: "吴敏")));
        await linker.LinkAllAsync(Token);
        var left = await hub.PersonOfAsync($"{prefix}-1");
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"{prefix}-ps-3", $"{prefix}-1", right, "郑洁", Households.BirthDate(right)));

        await linker.LinkAllAsync(Token);

        Assert.Equal(1, await hub.CountAsync(
            $"SELECT count(DISTINCT person_id) FROM person_link WHERE (record_id, version) IN (('{prefix}-1', 2), ('{prefix}-2', 1))"));
        Assert.Equal(1, await hub.CountAsync(
            $"SELECT count(*) FROM person WHERE person_id = {left} AND golden->'name'->'source'->>'department' = 'tax'"));
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
