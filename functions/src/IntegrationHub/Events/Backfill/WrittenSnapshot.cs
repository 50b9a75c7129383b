namespace IntegrationHub.Events.Backfill;

/// <summary>A backfill's snapshot as written, before its subscription exists: the id reserved for the subscription, the
/// snapshot (<c>pg_snapshot</c> text) the state was read in, how many events, and their first and last outbox position
/// (null when none).</summary>
internal sealed record WrittenSnapshot(long SubscriptionId, string LiveFrom, long Events, long? FirstPosition, long? LastPosition)
{
    /// <summary>This snapshot with one more page's events after it.</summary>
    internal WrittenSnapshot With(SubscriptionBackfill.PageWritten page) => page.Events == 0 ? this : this with
    {
        Events = Events + page.Events,
        FirstPosition = FirstPosition ?? page.FirstPosition,
        LastPosition = page.LastPosition,
    };
}
