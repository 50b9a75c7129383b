namespace IntegrationHub.Intake;

/// <summary>
/// One batch as it arrives by any channel. <paramref name="Body"/> is already decoded (gzip removed); the department
/// is the one the caller is entitled to send for, checked by the channel.
/// </summary>
public sealed record IntakeSubmission(
    string Actor,
    string Department,
    string Feed,
    IntakeChannel Channel,
    BatchFormat Format,
    Stream Body);
