namespace IntegrationHub.Events.Lookup;

/// <summary>A page of the events emitted for one person, in their sequence; <paramref name="Next"/> is the sequence to read on
/// after (<c>?after=</c>), null on the last page.</summary>
public sealed record PersonEventPage(string PersonId, IReadOnlyList<PersonEvent> Events, long? Next);

/// <summary>One event as the outbox holds it: its data never carries an identity number (that is added, or pseudonymised, per
/// subscription at delivery).</summary>
public sealed record PersonEvent(long Sequence, Guid Id, string Type, DateTimeOffset Time, JsonObject Data);
