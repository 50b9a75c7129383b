using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using IntegrationHub.Identity;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;
using IntegrationHub.Labor.Households;
using IntegrationHub.Platform.Outbox;
using Npgsql;

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

    private static async IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadFactsAsync(FactKind kind, NpgsqlConnection connection,
        NpgsqlTransaction transaction, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = (Person: 0L, Key: "");
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                SELECT f.person_id, f.fact_key, f.data::text, f.detail::text, f.sources::text
                FROM labor_fact f JOIN person p ON p.person_id = f.person_id AND p.merged_into IS NULL
                WHERE f.kind = @kind AND f.open AND (f.person_id, f.fact_key) > (@person, @key)
                ORDER BY f.person_id, f.fact_key LIMIT @n
                """, connection, transaction);
            command.Parameters.AddWithValue("kind", kind.Name);
            command.Parameters.AddWithValue("person", after.Person);
            command.Parameters.AddWithValue("key", after.Key);
            command.Parameters.AddWithValue("n", Page);
            var events = new List<EventDraft>();
            var read = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    after = (reader.GetInt64(0), reader.GetString(1));
                    var fact = new LaborFact(kind, after.Key, Open: true, Json(reader.GetString(2)), Json(reader.GetString(3)),
                        SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(4))));
                    var subject = PersonId.Format(after.Person);
                    if (kind.Announce is { } announce)
                    {
                        announce(subject, null, fact, now, events);
                    }
                    else
                    {
                        events.Add(FactDiff.Event(subject, fact, started: true, now));
                    }
                }
            }

            if (read == 0)
            {
                yield break;
            }

            yield return Marked(events);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadHouseholdsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            // Each member hears it, as the household pass announced it; a member merged away since has no state of its own.
            await using var command = new NpgsqlCommand("""
                SELECT h.household_number, h.members, h.working_age_members, h.as_of, h.sources::text,
                       ARRAY(SELECT m FROM unnest(h.members) AS m JOIN person p ON p.person_id = m AND p.merged_into IS NULL ORDER BY m)
                FROM labor_household h
                WHERE h.zero_employment AND h.household_number > @after
                ORDER BY h.household_number LIMIT @n
                """, connection, transaction);
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("n", Page);
            var events = new List<EventDraft>();
            var read = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    after = reader.GetString(0);
                    var data = HouseholdPass.Data(after, reader.GetFieldValue<long[]>(1), reader.GetInt32(2),
                        reader.GetFieldValue<DateOnly>(3), JsonNode.Parse(reader.GetString(4))!.AsArray());
                    events.AddRange(reader.GetFieldValue<long[]>(5)
                        .Select(member => HouseholdPass.Event(Platform.Outbox.EventTypes.ZeroEmploymentEntered, member, data, now)));
                }
            }

            if (read == 0)
            {
                yield break;
            }

            yield return Marked(events);
        }
    }

    private static List<EventDraft> Marked(List<EventDraft> events)
    {
        foreach (var draft in events)
        {
            draft.Data["snapshot"] = true;
        }

        return events;
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
