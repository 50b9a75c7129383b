namespace IntegrationHub.Intake.Storage;

/// <summary>What became of one line of a batch: a new version of its record, the version already stored, or rejected.</summary>
internal enum LineOutcome
{
    Accepted,
    Unchanged,
    Rejected,
}

/// <summary>The outcomes as <c>intake_line.outcome</c> stores them, and as the report's problems name them.</summary>
internal static class LineOutcomes
{
    public static string Column(LineOutcome outcome) => outcome switch
    {
        LineOutcome.Accepted => "accepted",
        LineOutcome.Unchanged => "unchanged",
        _ => "rejected",
    };

    public static LineOutcome FromColumn(string column) => column switch
    {
        "accepted" => LineOutcome.Accepted,
        "unchanged" => LineOutcome.Unchanged,
        _ => LineOutcome.Rejected,
    };

    /// <summary>How the report names the outcome of a line that has problems (errors when rejected, warnings otherwise).</summary>
    public static string WithProblems(LineOutcome outcome) => outcome switch
    {
        LineOutcome.Rejected => "rejected",
        LineOutcome.Unchanged => "unchanged-with-warning",
        _ => "accepted-with-warning",
    };
}
