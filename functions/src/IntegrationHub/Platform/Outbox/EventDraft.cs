namespace IntegrationHub.Platform.Outbox;

/// <summary>
/// An event about to be written. <paramref name="Subject"/> is the person id as it leaves the hub (<c>PersonId.Format</c>:
/// <c>P000000650</c>), as is every person id in <paramref name="Data"/>. The person's identity number never goes into
/// <paramref name="Data"/>: the outbox keeps the person's cipher and each subscription gets the number or its own
/// pseudonym at delivery.
/// </summary>
public sealed record EventDraft(string Type, string Subject, DateTimeOffset Time, JsonObject Data);
