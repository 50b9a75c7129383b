namespace IntegrationHub.Bench.Events;

/// <summary>One CloudEvent at the bench's webhook: when it arrived, its event time (the commit that created the person) and
/// its subject and the identity number it carried.</summary>
public sealed record Arrival(DateTimeOffset At, DateTimeOffset EventTime, string Subject, string? IdentityNumber);
