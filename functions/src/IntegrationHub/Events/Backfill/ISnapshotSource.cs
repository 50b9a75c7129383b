namespace IntegrationHub.Events.Backfill;

/// <summary>A module's current state as snapshot events, for the backfill of a new subscription.</summary>
/// <remarks>Registered by the module that owns the state (the policy flow gives its eligible decisions); the Events module
/// only knows the types a source covers. Drafts carry <c>"snapshot": true</c> in their data.</remarks>
public interface ISnapshotSource
{
    /// <summary>The event types whose current state this source gives.</summary>
    IReadOnlyList<string> EventTypes { get; }

    /// <summary>The snapshot events a page at a time, read in the caller's repeatable-read, read-only transaction.</summary>
    IAsyncEnumerable<IReadOnlyList<EventDraft>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken);
}
