using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake.Storage;

/// <summary>The batch report, built from what was just written or read back from what is stored.</summary>
internal sealed partial class BatchSession
{
    /// <summary>The report of a batch whose every line is in <paramref name="outcomes"/>: what <see cref="BuildReportAsync"/> would read.</summary>
    private BatchReport ReportFrom(List<WrittenLine> outcomes, int maxReportedRecords)
    {
        var problems = outcomes.Where(o => o.Record.Problems.Count > 0).OrderBy(o => o.Record.Line).Take(maxReportedRecords + 1)
            .Select(o => new RecordProblem(o.Record.Line, o.Record.RecordId is { } id ? ReportText.RecordIdForReport(id) : null,
                LineOutcomes.WithProblems(o.Outcome), o.Record.Problems))
            .ToList();
        return Report(outcomes.Count(o => o.Outcome == LineOutcome.Accepted), outcomes.Count(o => o.Outcome == LineOutcome.Unchanged),
            outcomes.Count(o => o.Outcome == LineOutcome.Rejected),
            outcomes.Count(o => o.Outcome != LineOutcome.Rejected && o.Record.Problems.Count > 0),
            startedAt, problems, maxReportedRecords);
    }

    private BatchReport Report(int accepted, int unchanged, int rejected, int warnings, DateTimeOffset started, List<RecordProblem> problems,
        int maxReportedRecords)
    {
        var truncated = problems.Count > maxReportedRecords;
        if (truncated)
        {
            problems.RemoveAt(problems.Count - 1);
        }

        return new BatchReport(header.BatchId, header.Department, header.Feed, header.SchemaVersion, header.FormatName, "complete",
            started, time.GetUtcNow(), accepted + unchanged + rejected, accepted, rejected, warnings, unchanged, truncated, problems);
    }

    private async Task<BatchReport> BuildReportAsync(int maxReportedRecords, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        int accepted, unchanged, rejected, warnings;
        DateTimeOffset started;
        var problems = new List<RecordProblem>();
        await using (var read = new NpgsqlBatch(connection, transaction))
        {
            if (creating)
            {
                // A batch without a single record had no chunk to create it.
                read.BatchCommands.Add(CreateCommand(0));
            }

            var counts = new NpgsqlBatchCommand("""
                SELECT count(*) FILTER (WHERE outcome = 'accepted')::int,
                       count(*) FILTER (WHERE outcome = 'unchanged')::int,
                       count(*) FILTER (WHERE outcome = 'rejected')::int,
                       count(*) FILTER (WHERE outcome <> 'rejected' AND (problem_set IS NOT NULL OR problems IS NOT NULL))::int,
                       (SELECT started_at FROM intake_batch WHERE department = @d AND batch_id = @b)
                FROM intake_line WHERE department = @d AND batch_id = @b
                """);
            AddKey(counts.Parameters);
            var list = new NpgsqlBatchCommand("""
                SELECT l.line_no, l.record_id, l.outcome, l.problems::text, s.problems::text
                FROM intake_line l LEFT JOIN intake_problem_set s ON s.hash = l.problem_set
                WHERE l.department = @d AND l.batch_id = @b AND (l.problem_set IS NOT NULL OR l.problems IS NOT NULL)
                ORDER BY l.line_no LIMIT @limit
                """);
            AddKey(list.Parameters);
            list.Parameters.AddWithValue("limit", maxReportedRecords + 1);
            read.BatchCommands.Add(counts);
            read.BatchCommands.Add(list);

            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (accepted, unchanged, rejected, warnings) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            started = reader.GetFieldValue<DateTimeOffset>(4);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                problems.Add(new RecordProblem(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : ReportText.RecordIdForReport(reader.GetString(1)),
                    LineOutcomes.WithProblems(LineOutcomes.FromColumn(reader.GetString(2))),
                    ProblemSets.Read(reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.GetInt32(0), JsonFormat)));
            }
        }

        return Report(accepted, unchanged, rejected, warnings, started, problems, maxReportedRecords);
    }
}
