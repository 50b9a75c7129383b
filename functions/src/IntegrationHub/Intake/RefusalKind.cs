namespace IntegrationHub.Intake;

/// <summary>Why intake refused a submission, as a kind: each channel turns it into its own answer (the handler, an HTTP status).</summary>
public enum RefusalKind
{
    /// <summary>The body, its envelope or the file is not a batch the hub can read.</summary>
    Invalid,

    /// <summary>The department has no such feed, or there is no such department.</summary>
    UnknownFeed,

    /// <summary>The batchId was used before for other content or another envelope.</summary>
    Conflict,

    /// <summary>The batch (or its file) is being received or written right now: the same submission later may succeed.</summary>
    Busy,

    /// <summary>Over a size limit: the body, its expansion, or the records per batch.</summary>
    TooLarge,

    /// <summary>Stopped because too large a share of the records was rejected.</summary>
    TooManyRejections,

    /// <summary>The database is unavailable: the same submission later may succeed.</summary>
    Unavailable,

    /// <summary>The hub failed in a way no one foresaw.</summary>
    Failed,
}
