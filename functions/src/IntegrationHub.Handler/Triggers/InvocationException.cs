namespace IntegrationHub.Handler.Triggers;

/// <summary>An envelope the handler cannot act on: answered 400, never a 500.</summary>
public sealed class InvocationException(string message) : Exception(message);
