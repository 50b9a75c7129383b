namespace IntegrationHub.Handler.Functions;

public sealed record TimerInvocation(bool IsPastDue, DateTimeOffset FiredAt);
