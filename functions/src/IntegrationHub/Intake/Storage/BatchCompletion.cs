using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake.Storage;

/// <summary>A completed batch's report, whether its arrival listeners ran in the completing transaction, and why not if not.</summary>
internal sealed record BatchCompletion(BatchReport Report, bool ArrivalDone, Exception? ArrivalFailure);
