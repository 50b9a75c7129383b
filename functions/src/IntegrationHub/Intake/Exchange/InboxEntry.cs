namespace IntegrationHub.Intake.Exchange;

/// <summary>An entry of a feed folder as listed, before it is opened: a link or not, and the stamp of what is there.</summary>
internal readonly record struct InboxEntry(bool IsLink, FileStamp Stamp);
