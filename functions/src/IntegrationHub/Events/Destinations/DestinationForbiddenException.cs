namespace IntegrationHub.Events.Destinations;

/// <summary>A connection the dispatcher refused to open: the destination's host is, or resolved to, an address the hub
/// does not send to. The message says which, for the delivery's last error.</summary>
internal sealed class DestinationForbiddenException(string message) : Exception(message);
