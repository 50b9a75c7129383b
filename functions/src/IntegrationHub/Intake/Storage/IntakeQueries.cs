using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>What a department may read back about its own batches.</summary>
public sealed class IntakeQueries(NpgsqlDataSource dataSource, IdentityProtector protector, AuditLog audit)
{
    /// <summary>The stored report, a progress note for a batch still arriving (or cut off), or null when unknown.</summary>
    public async Task<(BatchReport? Report, int? LinesStored)?> GetReportAsync(string department, string batchId,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT report::text, (SELECT count(*)::int FROM intake_line l WHERE l.department = b.department AND l.batch_id = b.batch_id)
            FROM intake_batch b WHERE department = @d AND batch_id = @b
            """);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("b", batchId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.IsDBNull(0)
            ? (null, reader.GetInt32(1))
            : (JsonSerializer.Deserialize<BatchReport>(reader.GetString(0)), null);
    }

    /// <summary>Rejected records of a batch after a position, decrypted for their own department; the read is audited.</summary>
    public async Task<IReadOnlyList<RejectedRecord>?> GetRejectedAsync(string department, string batchId, int after, int limit, string actor,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool jsonFormat;
        await using (var exists = new NpgsqlCommand("SELECT format FROM intake_batch WHERE department = @d AND batch_id = @b", connection, transaction))
        {
            exists.Parameters.AddWithValue("d", department);
            exists.Parameters.AddWithValue("b", batchId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not string format)
            {
                return null;
            }

            jsonFormat = format == "json";
        }

        var records = new List<RejectedRecord>();
        await using (var command = new NpgsqlCommand("""
            SELECT l.line_no, l.record_id, l.problems::text, l.raw_cipher, s.problems::text
            FROM intake_line l LEFT JOIN intake_problem_set s ON s.hash = l.problem_set
            WHERE l.department = @d AND l.batch_id = @b AND l.outcome = 'rejected' AND l.line_no > @after
            ORDER BY l.line_no LIMIT @limit
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("d", department);
            command.Parameters.AddWithValue("b", batchId);
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new RejectedRecord(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    ProblemSets.Read(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.GetInt32(0), jsonFormat),
                    protector.Decrypt((byte[])reader[3], ProtectionPurposes.RawLine)));
            }
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "rejected.read", "intake-correction",
            $"{department}/{batchId}", JsonSerializer.Serialize(new { after, returned = records.Count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return records;
    }
}
