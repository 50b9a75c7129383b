namespace IntegrationHub.Intake.Exchange;

/// <summary>The exchange's own reasons for not taking a file, worded for the department that reads the report.</summary>
/// <remarks>None quotes the file, what a link points at, or an exception's message: any of them could hold personal data.</remarks>
internal static class ExchangeRefusals
{
    private const string WriteThenRename = "Write the file into the inbox under a temporary name (*.part) and rename it when complete.";

    /// <summary>Whether the cause may pass, so the file is tried again (up to the attempts allowed) rather than failed at once.</summary>
    public static bool MayPass(IntakeOutcome outcome) =>
        outcome.Error?.Kind is RefusalKind.Failed or RefusalKind.Unavailable or RefusalKind.Busy;

    public static IntakeOutcome Outcome(string refusal) => refusal switch
    {
        InboxOpening.NotRegular => IntakeOutcome.Refused(RefusalKind.Invalid, InboxOpening.NotRegular,
            "This is not a regular file of the inbox (a symbolic link, a pipe, a device, or a file whose real place is elsewhere). "
            + "The hub takes only files written in the inbox itself and did not read this one. " + WriteThenRename),
        InboxOpening.HardLinked => IntakeOutcome.Refused(RefusalKind.Invalid, InboxOpening.HardLinked,
            "This file has other hard links: it also exists elsewhere, and the hub takes only files that exist in the inbox alone. "
            + "It was not read. Copy the file in instead of linking it. " + WriteThenRename),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "not a refusal"),
    };

    public static IntakeOutcome ManifestNotRegular() => IntakeOutcome.Refused(RefusalKind.Invalid, InboxOpening.NotRegular,
        "The file's .done manifest is not a regular file of the inbox (a symbolic link, a pipe or a device); neither was read. "
        + "Write the manifest into the inbox as a file.");

    public static IntakeOutcome Changed() => IntakeOutcome.Refused(RefusalKind.Busy, "file-changed",
        "The file changed while the hub was taking it: it is still being written. " + WriteThenRename);

    public static IntakeOutcome Unexpected(Exception exception) => IntakeOutcome.Refused(RefusalKind.Failed, "unexpected-error",
        $"The hub failed on this file with an unexpected {exception.GetType().Name}; its log has the details under this file's name. "
        + "Records stored before the failure are kept.");

    public static IntakeError Interrupted() => new(RefusalKind.Failed, "attempt-interrupted",
        "The hub stopped while taking this file (it was restarted, or the file brought it down). Records stored before are kept.");

    /// <summary>The last error, saying that the hub has stopped trying and how to start again.</summary>
    public static ReportedError GaveUp(ReportedError last, int attempts) => last with
    {
        Message = $"{last.Message} The hub tried this file {attempts} {(attempts == 1 ? "time" : "times")} and gave up: "
            + "move it back into the inbox to try again.",
    };
}
