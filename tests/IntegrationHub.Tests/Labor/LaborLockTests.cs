using IntegrationHub.Intake.Published;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor;

/// <summary>
/// Labor workers and linkers do not hold each other up: a link in progress neither hides its person from the labor
/// workers nor makes them wait, and what it links still reaches the facts once it commits.
/// </summary>
public sealed class LaborLockTests : LaborScenarioTests
{
    private readonly HeldArrival held = new();

    public override async ValueTask InitializeAsync() => scenario = await LaborScenario.StartAsync(nameof(LaborLockTests),
        new Dictionary<string, string?> { ["Identity:InlineMaxRecords"] = "100" }, s => s.AddSingleton<IArrivalListener>(held));

    public override async ValueTask DisposeAsync()
    {
        held.Release();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_PersonHeldByALinkNotYetCommitted_RecomputesPersonAndHouseholdWithoutWaiting()
    {
        var id = IdNumber("19900315", 21);
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", id, "H-1"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2026-09"));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("t-1");

        held.Arm();
        var linking = Task.Run(() => scenario.SendAsync("tax", "wage-withholding", Tax("t-2", id, "2026-10")), Token);
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30), Token);
        // The link to the person is written and its transaction open: the person's row is locked as linking locks it.
        await scenario.Hub.CountAsync($"UPDATE labor_person SET reevaluate_at = '-infinity' WHERE person_id = {person}");
        await scenario.Hub.CountAsync("INSERT INTO labor_household_dirty (household_number, mark) VALUES ('H-1', pg_current_xact_id())");

        var recomputed = await scenario.NewWorker().RunUntilIdleAsync(Token).WaitAsync(TimeSpan.FromSeconds(20), Token);

        Assert.Equal(2, recomputed);
        Assert.Equal(0, await scenario.Hub.CountAsync(
            $"SELECT count(*) FROM labor_person WHERE person_id = {person} AND reevaluate_at = '-infinity'"));
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM labor_household_dirty"));
        Assert.False(linking.IsCompleted);

        held.Release();
        await linking;
        await scenario.SettleAsync();
        // One spell, standing on both months: the link that committed during the run was not lost to the facts.
        Assert.Equal(1, await scenario.Hub.CountAsync(
            $"SELECT count(*) FROM labor_fact WHERE person_id = {person} AND kind = 'employment'"));
        Assert.Equal(1, await scenario.Hub.CountAsync($$"""
            SELECT count(*) FROM labor_fact WHERE person_id = {{person}} AND kind = 'employment'
                AND sources @> '[{"recordId": "t-1"}, {"recordId": "t-2"}]'
            """));
    }

    /// <summary>After the arrival linker: once armed, holds the next arriving batch's transaction open until released.</summary>
    private sealed class HeldArrival : IArrivalListener
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int armed;

        public Task Entered => entered.Task;

        public void Arm() => Volatile.Write(ref armed, 1);

        public void Release() => released.TrySetResult();

        public bool Takes(int records) => true;

        public Task OnStoredAsync(CommittedBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task OnStoringAsync(ArrivedBatch batch, Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction,
            CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                entered.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
