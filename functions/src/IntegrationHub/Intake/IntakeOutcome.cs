using IntegrationHub.Intake.Reports;
using IntegrationHub.Platform.Errors;

namespace IntegrationHub.Intake;

/// <summary>Either a report (the batch was taken, perhaps earlier) or an error; never both unless the batch hit the record limit.</summary>
public sealed record IntakeOutcome(int Status, BatchReport? Report, IntakeError? Error)
{
    /// <summary>The batch was new and small enough for the arrival steps, and they ran in the transaction that stored it.</summary>
    public bool ArrivalDone { get; init; }

    public static IntakeOutcome Done(BatchReport report) => new(200, report, null);

    public static IntakeOutcome Failed(int status, string code, string message, IReadOnlyList<FieldError>? errors = null) =>
        new(status, null, new IntakeError(status, code, message, errors));
}
