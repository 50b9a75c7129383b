using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>One line as its chunk wrote it: the record, what became of it and, unless rejected, the version its record has.</summary>
internal readonly record struct WrittenLine(ProcessedRecord Record, LineOutcome Outcome, int? Version)
{
    public bool IsAccepted => Outcome == LineOutcome.Accepted;
}
