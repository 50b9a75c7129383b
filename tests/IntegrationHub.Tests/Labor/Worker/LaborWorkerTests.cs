using IntegrationHub.Identity;
using IntegrationHub.Identity.Review;
using IntegrationHub.Labor;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Worker;

public sealed class LaborWorkerTests : LaborScenarioTests
{
    private ReviewService Review => scenario.Service<ReviewService>();

    [Fact]
    public async Task Linking_MarksThePersonDirtyInItsTransactionAndTheWorkerClearsIt()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", IdNumber("19900315", 21), "2026-10"));
        await scenario.LinkAsync();
        var marked = await scenario.Hub.CountAsync("SELECT count(*) FROM labor_dirty");

        await scenario.NewWorker().RunUntilIdleAsync(Token);

        Assert.Equal(1, marked);
        Assert.Equal(0, await scenario.Hub.CountAsync("SELECT count(*) FROM labor_dirty"));
    }

    [Fact]
    public async Task Replay_EveryPersonRecomputedAgain_EmitsNothing()
    {
        await SendPopulationAsync(12);
        await scenario.SettleAsync();
        var before = (await scenario.EventsAsync()).Count;

        await scenario.MarkEveryPersonDirtyAsync();
        await scenario.Hub.CountAsync("INSERT INTO labor_household_dirty (household_number, mark) SELECT household_number, pg_current_xact_id() FROM labor_household");
        await scenario.NewWorker().RunUntilIdleAsync(Token);

        Assert.True(before >= 24);
        Assert.Equal(before, (await scenario.EventsAsync()).Count);
    }

    [Fact]
    public async Task TwoWorkers_AtOnceOnTheSamePersons_EmitEachEventOnce()
    {
        await SendPopulationAsync(40);
        await scenario.LinkAsync();
        var small = new LaborOptions { ChunkSize = 3 };

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => scenario.NewWorker(small).RunUntilIdleAsync(Token), Token)));
        await scenario.NewWorker().RunUntilIdleAsync(Token);

        var events = await scenario.EventsAsync();
        Assert.Equal(40, events.Count(e => e.Type == EventTypes.EmploymentStarted));
        Assert.Equal(40, events.Count(e => e.Type == EventTypes.UnemploymentRegistered));
        Assert.Equal(20, events.Count(e => e.Type == EventTypes.ZeroEmploymentEntered));
        Assert.DoesNotContain(events.GroupBy(e => (e.Subject, e.Type, e.Data.ToJsonString())), g => g.Count() > 1);
        Assert.DoesNotContain(events.GroupBy(e => (e.Subject, e.Sequence)), g => g.Count() > 1);
    }

    [Fact]
    public async Task WorkersAndLinker_AtOnce_FinishWithoutDeadlockAndEmitEachEventOnce()
    {
        await SendPopulationAsync(60);
        var linker = scenario.Service<IntegrationHub.Identity.Linking.DeterministicLinker>();
        using var linking = new CancellationTokenSource();
        var small = new LaborOptions { ChunkSize = 4 };

        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!linking.IsCancellationRequested)
            {
                await scenario.NewWorker(small).RunUntilIdleAsync(Token);
            }
        }, Token)).ToList();
        await linker.LinkAllAsync(Token);
        await linking.CancelAsync();
        await Task.WhenAll(workers);
        await scenario.NewWorker().RunUntilIdleAsync(Token);

        var events = await scenario.EventsAsync();
        Assert.Equal(60, events.Count(e => e.Type == EventTypes.EmploymentStarted));
        Assert.Equal(60, events.Count(e => e.Type == EventTypes.EmploymentEnded));
        Assert.Equal(30, events.Count(e => e.Type == EventTypes.ZeroEmploymentEntered));
        Assert.DoesNotContain(events.GroupBy(e => (e.Subject, e.Type, e.Data.ToJsonString())), g => g.Count() > 1);
    }

    [Fact]
    public async Task RunAsync_QuarterDutyCycle_RestsThreeTimesAsLongAsEachChunkThatWorked()
    {
        await SendPopulationAsync(6);
        await scenario.LinkAsync();
        var clock = new WorkingClock(TimeSpan.FromMilliseconds(40));

        var recomputed = await scenario.NewWorker(new LaborOptions { ChunkSize = 2, DutyCycle = 0.25 }, clock).RunUntilIdleAsync(Token);

        // Six persons two a chunk, then their households: at least three chunks worked, each 40 ms and followed by 120 ms of rest.
        Assert.True(recomputed >= 6);
        Assert.InRange(clock.Rests.Count, 3, recomputed);
        Assert.All(clock.Rests, rest => Assert.Equal(TimeSpan.FromMilliseconds(120), rest));
    }

    [Fact]
    public async Task RunAsync_FullDutyCycle_NeverRests()
    {
        await SendPopulationAsync(6);
        await scenario.LinkAsync();
        var clock = new WorkingClock(TimeSpan.FromMilliseconds(40));

        Assert.True(await scenario.NewWorker(new LaborOptions { ChunkSize = 2, DutyCycle = 1 }, clock).RunUntilIdleAsync(Token) >= 6);
        Assert.Empty(clock.Rests);
    }

    [Fact]
    public async Task Merge_PersonWithASpellIntoAnother_SurvivorStartsItAndTheMergedAwayEndsNothing()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", IdNumber("19900315", 21), "2026-10"));
        await scenario.SendAsync("ps", "household-registration", Household("ps-1", IdNumber("19900316", 23), "H-1"));
        await scenario.SettleAsync();
        var away = await scenario.PersonOfAsync("t-1");
        var survivor = await scenario.PersonOfAsync("ps-1");

        await Review.MergeAsync(away, survivor, "admin", Token);
        await scenario.SettleAsync();

        var started = Assert.Single(await scenario.EventsAsync(EventTypes.EmploymentStarted, survivor));
        Assert.Equal("t-1", started.Data["sources"]![0]!["recordId"]!.GetValue<string>());
        Assert.Empty(await scenario.EventsAsync(EventTypes.EmploymentEnded));
        Assert.Equal(0, await scenario.Hub.CountAsync($"SELECT count(*) FROM labor_fact WHERE person_id = {away}"));
        Assert.Single(await scenario.EventsAsync(EventTypes.ZeroEmploymentCleared, survivor));
    }

    [Fact]
    public async Task Unmerge_RestoresThePersonsFactsAndEmitsSplitFromTheSurvivor()
    {
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", IdNumber("19900315", 21), "2026-10"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-2", IdNumber("19900316", 23), "2026-10", OtherEmployer));
        await scenario.SettleAsync();
        var away = await scenario.PersonOfAsync("t-1");
        var survivor = await scenario.PersonOfAsync("t-2");
        await Review.MergeAsync(away, survivor, "admin", Token);
        await scenario.SettleAsync();

        await Review.UnmergeAsync(away, "admin", Token);
        await scenario.SettleAsync();

        var split = Assert.Single(await AllEventsAsync(survivor), e => e.Type == EventTypes.PersonSplit);
        Assert.Equal(Text(survivor), split.Text("personId"));
        Assert.Equal(Text(away), split.Text("newPersonId"));
        Assert.Equal(1, split.Data["recordCount"]!.GetValue<int>());
        var survivorEvents = await scenario.EventsAsync(survivor);
        Assert.Equal([EventTypes.EmploymentStarted, EventTypes.EmploymentStarted, EventTypes.EmploymentEnded],
            survivorEvents.Select(e => e.Type));
        Assert.Equal(Employer, survivorEvents[2].Text("employerCreditCode"));
        Assert.Equal(2, (await scenario.EventsAsync(EventTypes.EmploymentStarted, away)).Count);
    }

    [Fact]
    public async Task Split_RecordsOfAnotherEmployer_MovesTheSpellToTheNewPerson()
    {
        var id = IdNumber("19900315", 21);
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2026-10"), Tax("t-2", id, "2026-10", OtherEmployer));
        await scenario.SettleAsync();
        var person = await scenario.PersonOfAsync("t-1");

        var created = await Review.SplitAsync(person, [new RecordKey("tax", "wage-withholding", "t-2")], "admin", Token);
        await scenario.SettleAsync();

        var ended = Assert.Single(await scenario.EventsAsync(EventTypes.EmploymentEnded, person));
        Assert.Equal(OtherEmployer, ended.Text("employerCreditCode"));
        var moved = Assert.Single(await scenario.EventsAsync(EventTypes.EmploymentStarted, created));
        Assert.Equal(OtherEmployer, moved.Text("employerCreditCode"));
        var split = Assert.Single(await AllEventsAsync(person), e => e.Type == EventTypes.PersonSplit);
        Assert.Equal(Text(created), split.Text("newPersonId"));
        Assert.Equal(1, split.Data["recordCount"]!.GetValue<int>());
    }

    /// <summary>Half of them share a household two by two; each is registered unemployed and has a month of old wages.</summary>
    private async Task SendPopulationAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => IdNumber($"1980{1 + i % 12:D2}{1 + i % 28:D2}", 200 + i)).ToList();
        await scenario.SendAsync("ps", "household-registration", [.. ids.Take(count / 2).Select((id, i) => Household($"ps-{i}", id, $"H-{i / 2}"))]);
        await scenario.SendAsync("tax", "wage-withholding", [.. ids.Select((id, i) => Tax($"t-{i}", id, "2025-01"))]);
        await scenario.SendAsync("hr", "employment-registration", [.. ids.Select((id, i) => Registration($"er-{i}", id, "unemployment", "2026-03-01"))]);
    }

    private async Task<List<LaborEvent>> AllEventsAsync(long person)
    {
        await using var command = scenario.Hub.DataSource.CreateCommand(
            "SELECT type, subject, sequence, data::text FROM event_outbox WHERE subject = @s ORDER BY sequence");
        command.Parameters.AddWithValue("s", Text(person));
        var events = new List<LaborEvent>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            events.Add(new LaborEvent(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(3))!.AsObject()));
        }

        return events;
    }

    private static string Text(long id) => PersonId.Format(id);

    /// <summary>A clock on which every reading is <paramref name="step"/> after the last, as if work took that long between
    /// two readings; the rests asked of it are recorded and end at once.</summary>
    private sealed class WorkingClock(TimeSpan step) : TimeProvider
    {
        private long ticks;

        public List<TimeSpan> Rests { get; } = [];

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Rests)
            {
                Rests.Add(dueTime);
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
