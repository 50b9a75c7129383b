using IntegrationHub.Identity;
using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Facts;

/// <summary>
/// Compares a person's freshly derived facts with the stored ones and says what to write and announce: a new fact is
/// started (and ended at once when it is already over), an open fact that closed is ended, a closed one that reopened is
/// started again, a corrected fact is announced again (if its kind does so), and an open fact whose evidence vanished
/// is ended. A fact that changed only in the records it stands on is written without an event, so a re-sent record or
/// one more month of the same job announces nothing.
/// </summary>
internal static class FactDiff
{
    public static void Compare(long person, IReadOnlyList<LaborFact> computed, IReadOnlyList<LaborFact> stored, DateOnly today,
        DateTimeOffset now, FactChanges changes)
    {
        var subject = PersonId.Format(person);
        var before = stored.ToDictionary(f => (f.Kind.Name, f.Key));
        foreach (var fact in computed)
        {
            if (fact.Kind.Announce is { } announce)
            {
                var previous = before.Remove((fact.Kind.Name, fact.Key), out var found) ? found : null;
                announce(subject, previous, fact, now, changes.Events);
                if (previous is null || !fact.SameAs(previous))
                {
                    changes.Upserts.Add((person, fact));
                }

                continue;
            }

            if (!before.Remove((fact.Kind.Name, fact.Key), out var old))
            {
                changes.Events.Add(Event(subject, fact, started: true, now));
                if (!fact.Open)
                {
                    changes.Events.Add(Event(subject, fact, started: false, now));
                }

                changes.Upserts.Add((person, fact));
                continue;
            }

            if (fact.Open != old.Open || (fact.Kind.Reannounce && !JsonNode.DeepEquals(fact.Data, old.Data)))
            {
                changes.Events.Add(Event(subject, fact, started: fact.Open, now));
            }

            if (!fact.SameAs(old))
            {
                changes.Upserts.Add((person, fact));
            }
        }

        foreach (var old in before.Values)
        {
            if (old.Kind.Announce is { } announce)
            {
                announce(subject, old, null, now, changes.Events);
                changes.Deletes.Add((person, old.Kind, old.Key));
                continue;
            }

            if (old.Open)
            {
                var closed = old with { Open = false, Data = old.Kind.Close(old.Data, old.Detail, today) };
                changes.Events.Add(Event(subject, closed, started: false, now));
                if (old.Kind.KeepWhenVanished)
                {
                    changes.Upserts.Add((person, closed));
                    continue;
                }
            }
            else if (old.Kind.KeepWhenVanished)
            {
                continue;
            }

            changes.Deletes.Add((person, old.Kind, old.Key));
        }
    }

    public static EventDraft Event(string subject, LaborFact fact, bool started, DateTimeOffset now)
    {
        var data = new JsonObject { ["personId"] = subject };
        foreach (var field in started ? fact.Kind.StartedFields : fact.Kind.EndedFields)
        {
            data[field] = fact.Data[field]?.DeepClone();
        }

        data["sources"] = SourceRef.ToJson(fact.Sources);
        return new EventDraft(started ? fact.Kind.StartedType : fact.Kind.EndedType, subject, now, data);
    }
}
