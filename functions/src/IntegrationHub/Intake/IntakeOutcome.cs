using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake;

/// <summary>Either a report (the batch was taken, perhaps earlier) or an error; never both unless the batch hit the record limit.</summary>
public sealed record IntakeOutcome(int Status, BatchReport? Report, IntakeError? Error)
{
    public static IntakeOutcome Done(BatchReport report) => new(200, report, null);

    public static IntakeOutcome Failed(int status, string code, string message, IReadOnlyList<Validation.FieldError>? errors = null) =>
        new(status, null, new IntakeError(status, code, message, errors));
}
