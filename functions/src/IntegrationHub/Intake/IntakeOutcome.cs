using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake;

/// <summary>Either a report (the batch was taken, perhaps earlier) or an error; never both unless the batch hit the record limit.</summary>
public sealed record IntakeOutcome(BatchReport? Report, IntakeError? Error)
{
    /// <summary>The batch was new and small enough for the arrival listeners, and they ran in the transaction that stored it.</summary>
    internal bool ArrivalDone { get; init; }

    public static IntakeOutcome Done(BatchReport report) => new(report, null);

    public static IntakeOutcome Refused(RefusalKind kind, string code, string message, IReadOnlyList<FieldError>? errors = null) =>
        new(null, new IntakeError(kind, code, message, errors));
}
