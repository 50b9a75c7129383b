namespace IntegrationHub.Labor.Facts;

/// <summary>Adds to <paramref name="events"/> what a change of one fact announces: <paramref name="before"/> is null for a new
/// fact, <paramref name="after"/> null for one whose evidence vanished.</summary>
internal delegate void FactAnnouncer(string subject, LaborFact? before, LaborFact? after, DateTimeOffset now, List<EventDraft> events);
