using IntegrationHub.Identity;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;
using IntegrationHub.Labor.Households;

namespace IntegrationHub.Labor.Published;

/// <summary>Labor's current state as the events that announced it, one kind of fact at a time, for a subscription's backfill:
/// per person and open fact, the event that opened it, built as the live one is, with <c>"snapshot": true</c>.</summary>
/// <remarks>
/// An open spell gives <c>employment.started</c>, an open registration <c>unemployment.registered</c>, an open difficulty
/// category <c>difficulty.entered</c>, a zero-employment household <c>household.zero-employment.entered</c> to each member,
/// an open graduate fact <c>graduate.unplaced</c> or <c>graduate.placed</c> after its status (none for other statuses, as
/// live). Closed facts are history, not state, and give nothing. Persons merged into another give nothing: their facts
/// went to the survivor. The live drafts' own code builds the data (<see cref="FactDiff.Event"/>,
/// <see cref="GraduateEvents.Announce"/>, <see cref="HouseholdPass.Event"/>), so a snapshot says what the live event said,
/// a graduate's <c>previousStatus</c> being null. Read in the caller's transaction, a page of persons (or households) at a
/// time in key order.
/// </remarks>
public sealed class OpenFactEvents
{
    private const int Page = 1000;
    private readonly FactKind? kind;

    private OpenFactEvents(FactKind? kind, params string[] eventTypes)
    {
        this.kind = kind;
        EventTypes = eventTypes;
    }

    /// <summary>One reader per kind of fact, so a backfill reads only the kinds its subscription's types cover.</summary>
    public static IReadOnlyList<OpenFactEvents> All { get; } =
    [
        new(FactKind.Employment, Platform.Outbox.EventTypes.EmploymentStarted),
        new(FactKind.Unemployment, Platform.Outbox.EventTypes.UnemploymentRegistered),
        new(FactKind.Difficulty, Platform.Outbox.EventTypes.DifficultyEntered),
        new(FactKind.Graduate, Platform.Outbox.EventTypes.GraduateUnplaced, Platform.Outbox.EventTypes.GraduatePlaced),
        new(null, Platform.Outbox.EventTypes.ZeroEmploymentEntered),
    ];

    /// <summary>The event types this reader's snapshot events have.</summary>
    public IReadOnlyList<string> EventTypes { get; }

    /// <summary>The snapshot events, a page at a time, dated <paramref name="now"/>.</summary>
    public IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DateTimeOffset now, CancellationToken cancellationToken) => kind is null
        ? ReadHouseholdsAsync(connection, transaction, now, cancellationToken)
        : ReadFactsAsync(kind, connection, transaction, now, cancellationToken);

    private static IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadFactsAsync(FactKind kind, NpgsqlConnection connection,
        NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
        PagesAsync<(long Person, string Key)>((0L, ""), after =>
        {
            var command = new NpgsqlCommand("""
                SELECT f.person_id, f.fact_key, f.data::text, f.detail::text, f.sources::text
                FROM labor_fact f JOIN person p ON p.person_id = f.person_id AND p.merged_into IS NULL
                WHERE f.kind = @kind AND f.open AND (f.person_id, f.fact_key) > (@person, @key)
                ORDER BY f.person_id, f.fact_key LIMIT @n
                """, connection, transaction);
            command.Parameters.AddWithValue("kind", kind.Name);
            command.Parameters.AddWithValue("person", after.Person);
            command.Parameters.AddWithValue("key", after.Key);
            return command;
        }, (reader, events) =>
        {
            var (person, key) = (reader.GetInt64(0), reader.GetString(1));
            var fact = new LaborFact(kind, key, Open: true, Json(reader.GetString(2)), Json(reader.GetString(3)),
                SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(4))));
            var subject = PersonId.Format(person);
            if (kind.Announce is { } announce)
            {
                announce(subject, null, fact, now, events);
            }
            else
            {
                events.Add(FactDiff.Event(subject, fact, started: true, now));
            }

            return (person, key);
        }, cancellationToken);

    private static IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadHouseholdsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
        PagesAsync("", after =>
        {
            // Each member hears it, as the household pass announced it; a member merged away since has no state of its own.
            var command = new NpgsqlCommand("""
                SELECT h.household_number, h.members, h.working_age_members, h.as_of, h.sources::text,
                       ARRAY(SELECT m FROM unnest(h.members) AS m JOIN person p ON p.person_id = m AND p.merged_into IS NULL ORDER BY m)
                FROM labor_household h
                WHERE h.zero_employment AND h.household_number > @after
                ORDER BY h.household_number LIMIT @n
                """, connection, transaction);
            command.Parameters.AddWithValue("after", after);
            return command;
        }, (reader, events) =>
        {
            var number = reader.GetString(0);
            var data = HouseholdPass.Data(number, reader.GetFieldValue<long[]>(1), reader.GetInt32(2), reader.GetFieldValue<DateOnly>(3),
                JsonNode.Parse(reader.GetString(4))!.AsArray());
            events.AddRange(reader.GetFieldValue<long[]>(5)
                .Select(member => HouseholdPass.Event(Platform.Outbox.EventTypes.ZeroEmploymentEntered, member, data, now)));
            return number;
        }, cancellationToken);

    /// <summary>Runs <paramref name="query"/> a page after another in key order (each row read by <paramref name="row"/>,
    /// which adds its events and gives its key) until a page is empty; marks every event a snapshot.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<EventDraft>> PagesAsync<TKey>(TKey first, Func<TKey, NpgsqlCommand> query,
        Func<NpgsqlDataReader, List<EventDraft>, TKey> row, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = first;
        while (true)
        {
            await using var command = query(after);
            command.Parameters.AddWithValue("n", Page);
            var events = new List<EventDraft>();
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    after = row(reader, events);
                }
            }

            if (rows == 0)
            {
                yield break;
            }

            foreach (var draft in events)
            {
                draft.Data["snapshot"] = true;
            }

            yield return events;
        }
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
