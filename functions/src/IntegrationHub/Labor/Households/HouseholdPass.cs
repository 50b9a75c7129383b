using IntegrationHub.Identity;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Households;

/// <summary>
/// Decides which households are zero-employment households (零就业家庭): at least one working-age member and no member
/// employed this month or in study. Members are the persons public security places in the household. Each member hears
/// it: entered when the household becomes one (or they join one), cleared when it stops being one (or they leave it).
/// The household row is the household's lock (taken skipping those another worker holds); then its members' labor locks
/// (<see cref="LaborLock"/>), sorted and waiting, before any event. A member who joined after the lock and is not locked
/// leaves the household for the next round. Members whose household changed standing are made due, so their
/// zero-employment-family category follows.
/// </summary>
public sealed class HouseholdPass(NpgsqlDataSource dataSource, HubCalendar calendar, IOptions<LaborOptions> options)
{
    private sealed record Stored(bool ZeroEmployment, long[] Members, DateOnly? AsOf);

    /// <summary>What a household is now, as <see cref="Evaluate"/> finds it from its members.</summary>
    private sealed record Standing(bool Zero, long[] Members, int WorkingAgeMembers, DateOnly AsOf, JsonArray Sources, JsonObject Data,
        DateOnly? NextChange);

    public async Task<int> RunChunkAsync(bool due, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!due)
        {
            await AddDirtyHouseholdsAsync(connection, settings.ChunkSize, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = calendar.Now;
        var today = calendar.Today;
        var claimed = await ClaimAsync(connection, transaction, due, now, settings.ChunkSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var numbers = claimed.Keys.ToArray();
        var stored = await LoadStoredAsync(connection, transaction, numbers, cancellationToken);
        var (members, merged) = await LockMembersAsync(connection, transaction, numbers, stored, cancellationToken);

        var events = new List<EventDraft>();
        var done = new List<string>();
        var touched = new List<long>();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var number in numbers.Order(StringComparer.Ordinal))
        {
            var household = members.Values.Where(m => m.HouseholdNumber == number).OrderBy(m => m.PersonId).ToList();
            if (household.Any(m => !merged.ContainsKey(m.PersonId)))
            {
                continue;
            }

            var old = stored[number];
            var standing = Evaluate(number, household, old, today, settings);
            events.AddRange(Announce(standing, old, merged, now));
            if (standing.Zero != old.ZeroEmployment || !standing.Members.SequenceEqual(old.Members))
            {
                touched.AddRange(standing.Members.Concat(old.Members));
            }

            batch.BatchCommands.Add(Save(number, standing, old, today, now));
            done.Add(number);
        }

        AddFollowUps(batch, touched, claimed.Where(c => c.Value is not null && done.Contains(c.Key)).ToList());
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await EventOutbox.AppendAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>Gives the dirty households that have none a row, the row a worker claims (and locks) them by.</summary>
    private static async Task AddDirtyHouseholdsAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var ensure = new NpgsqlCommand("""
            INSERT INTO labor_household (household_number)
            SELECT d.household_number FROM labor_household_dirty d
            WHERE NOT EXISTS (SELECT 1 FROM labor_household h WHERE h.household_number = d.household_number)
            ORDER BY d.household_number LIMIT @n
            ON CONFLICT DO NOTHING
            """, connection);
        ensure.Parameters.AddWithValue("n", limit);
        await ensure.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Locks the members the households had and have, then reads the members again, as of the lock; says for each
    /// locked person whether it is merged away.</summary>
    private static async Task<(Dictionary<long, MemberStatus> Members, Dictionary<long, bool> Merged)> LockMembersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] numbers, Dictionary<string, Stored> stored,
        CancellationToken cancellationToken)
    {
        var before = await MemberStore.LoadAsync(connection, transaction, "household_number = ANY(@h)", p => p.AddWithValue("h", numbers),
            cancellationToken);
        var merged = await LockPersonsAsync(connection, transaction,
            [.. before.Keys.Concat(stored.Values.SelectMany(s => s.Members)).Distinct().Order()], cancellationToken);
        var members = await MemberStore.LoadAsync(connection, transaction, "household_number = ANY(@h)", p => p.AddWithValue("h", numbers),
            cancellationToken);
        return (members, merged);
    }

    private static Standing Evaluate(string number, List<MemberStatus> household, Stored old, DateOnly today, LaborOptions settings)
    {
        var workingAge = household.Count(m => WorkingAge.Is(m, today, settings));
        var zero = workingAge > 0 && !household.Any(m => m.Employed || m.InStudy);
        var asOf = zero && old.ZeroEmployment ? old.AsOf ?? today : today;
        var ids = household.Select(m => m.PersonId).ToArray();
        var sources = SourceRef.ToJson(household.SelectMany(m => m.Sources));
        var data = Data(number, ids, workingAge, asOf, sources);
        var next = household.Select(m => WorkingAge.NextChange(m, today, settings)).Where(d => d is not null).Min();
        return new Standing(zero, ids, workingAge, asOf, sources, data, next);
    }

    /// <summary>Cleared for the members who leave a zero-employment household (or whose household stops being one), except
    /// those merged away; entered for those who join one (or whose household becomes one).</summary>
    private static IEnumerable<EventDraft> Announce(Standing standing, Stored old, Dictionary<long, bool> merged, DateTimeOffset now)
    {
        var entering = standing.Zero ? standing.Members.Where(i => !old.ZeroEmployment || !old.Members.Contains(i)).ToList() : [];
        var clearing = old.ZeroEmployment ? old.Members.Where(i => !standing.Zero || !standing.Members.Contains(i)).ToList() : [];
        foreach (var person in clearing.Where(p => merged.GetValueOrDefault(p) == false))
        {
            yield return Event(EventTypes.ZeroEmploymentCleared, person, standing.Data, now);
        }

        foreach (var person in entering)
        {
            yield return Event(EventTypes.ZeroEmploymentEntered, person, standing.Data, now);
        }
    }

    private NpgsqlBatchCommand Save(string number, Standing standing, Stored old, DateOnly today, DateTimeOffset now)
    {
        DateOnly? storedAsOf = standing.Zero ? standing.AsOf : old.ZeroEmployment ? today : old.AsOf;
        return Command("""
            UPDATE labor_household SET zero_employment = @zero, members = @members, working_age_members = @working,
                as_of = @asOf, sources = @sources::jsonb, reevaluate_at = @due, updated_at = @now
            WHERE household_number = @h
            """, ("zero", standing.Zero), ("members", standing.Members), ("working", standing.WorkingAgeMembers),
            ("asOf", storedAsOf.HasValue ? storedAsOf.Value : DBNull.Value), ("sources", standing.Sources.ToJsonString()),
            ("due", standing.NextChange is { } d ? calendar.StartOf(d) : DBNull.Value), ("now", now), ("h", number));
    }

    /// <summary>Makes the persons whose household changed standing due, and removes the dirty marks of the households done
    /// unless they were marked again meanwhile.</summary>
    private static void AddFollowUps(NpgsqlBatch batch, List<long> touched, List<KeyValuePair<string, string?>> marks)
    {
        if (touched.Count > 0)
        {
            batch.BatchCommands.Add(Command("UPDATE labor_person SET reevaluate_at = '-infinity' WHERE person_id = ANY(@ids)",
                ("ids", touched.Distinct().ToArray())));
        }

        if (marks.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                DELETE FROM labor_household_dirty WHERE household_number IN (
                    SELECT d.household_number FROM labor_household_dirty d JOIN unnest(@h, @marks) AS u(h, mark)
                        ON d.household_number = u.h AND d.mark::text = u.mark
                    FOR UPDATE OF d SKIP LOCKED)
                """, ("h", marks.Select(m => m.Key).ToArray()), ("marks", marks.Select(m => m.Value!).ToArray())));
        }
    }

    private static string Text(long id) => PersonId.Format(id);

    /// <summary>What a household's events say of it (the current state's snapshot says the same).</summary>
    internal static JsonObject Data(string number, long[] members, int workingAgeMembers, DateOnly asOf, JsonArray sources) => new()
    {
        ["householdNumber"] = number,
        ["members"] = new JsonArray([.. members.Select(i => (JsonNode)Text(i))]),
        ["workingAgeMembers"] = workingAgeMembers,
        ["asOf"] = FactKind.Format(asOf),
        ["sources"] = sources,
    };

    internal static EventDraft Event(string type, long person, JsonObject household, DateTimeOffset now)
    {
        var data = new JsonObject { ["personId"] = Text(person) };
        foreach (var (key, value) in household)
        {
            data[key] = value?.DeepClone();
        }

        return new EventDraft(type, Text(person), now, data);
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<Dictionary<string, string?>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool due,
        DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(due
            ? """
              SELECT household_number, NULL FROM labor_household WHERE reevaluate_at <= @now
              ORDER BY household_number LIMIT @n FOR UPDATE SKIP LOCKED
              """
            : """
              SELECT d.household_number, d.mark::text FROM labor_household_dirty d
              JOIN labor_household h ON h.household_number = d.household_number
              ORDER BY d.household_number LIMIT @n FOR UPDATE OF h SKIP LOCKED
              """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("n", limit);
        var claimed = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return claimed;
    }

    private static async Task<Dictionary<string, Stored>> LoadStoredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string[] numbers, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, Stored>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT household_number, zero_employment, members, as_of FROM labor_household WHERE household_number = ANY(@h)",
            connection, transaction);
        command.Parameters.AddWithValue("h", numbers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = new Stored(reader.GetBoolean(1), reader.GetFieldValue<long[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
        }

        return stored;
    }

    /// <summary>Takes the persons' labor locks, waiting; returns whether each is merged away.</summary>
    private static async Task<Dictionary<long, bool>> LockPersonsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[] persons, CancellationToken cancellationToken)
    {
        var locked = new Dictionary<long, bool>();
        if (persons.Length == 0)
        {
            return locked;
        }

        // In id order, waiting: a person worker holds its persons only for its chunk, and takes none while it waits.
        await using var command = new NpgsqlCommand($"""
            WITH locked AS MATERIALIZED (
                SELECT id, {LaborLock.Wait("id")} FROM (SELECT id FROM unnest(@ids) AS u(id) ORDER BY {LaborLock.Key("id")}, id OFFSET 0) o)
            SELECT p.person_id, p.merged_into IS NOT NULL FROM person p JOIN locked l ON l.id = p.person_id
            ORDER BY p.person_id FOR KEY SHARE OF p
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            locked[reader.GetInt64(0)] = reader.GetBoolean(1);
        }

        return locked;
    }
}
