using IntegrationHub.Flows.Graduates.Rules;
using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Flows.Graduates.Verification;

/// <summary>
/// Writes each cohort's verification for education into the exchange folder, <c>outbox/edu/graduate-verification/</c>: an NDJSON
/// file of <see cref="EduVerificationLine"/> and then its manifest (file, records, SHA-256), each written under a temporary name
/// and renamed, so a reader that sees a manifest sees the whole file. Once a day at the configured time, for this year's cohort
/// and the configured number before it.
/// </summary>
/// <remarks>A run is recorded in <c>graduate_export</c> (cohort, day) after its files are in place; a second instance writing the
/// same day's files at once renames identical content over them and finds the row taken (SQLSTATE 23505), which is fine.</remarks>
public sealed class VerificationExport(EduVerificationReport report, NpgsqlDataSource dataSource, HubCalendar calendar,
    IOptions<ExchangeOptions> exchange, GraduateRules rules)
{
    public const string Folder = "outbox/edu/graduate-verification";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Directory => Path.Combine(exchange.Value.Root, Folder);

    /// <summary>Writes what is due and not yet written; returns the cohorts written.</summary>
    public async Task<IReadOnlyList<int>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        var today = calendar.Today;
        var scheduled = calendar.StartOf(today) + rules.VerificationExport.Time.ToTimeSpan();
        var day = now >= scheduled ? today : today.AddDays(-1);
        var written = new List<int>();
        for (var cohort = day.Year - rules.VerificationExport.CohortsBack; cohort <= day.Year; cohort++)
        {
            if (!await DoneAsync(cohort, day, cancellationToken))
            {
                await WriteAsync(cohort, day, cancellationToken);
                written.Add(cohort);
            }
        }

        return written;
    }

    /// <summary>Writes the cohort's file and manifest for <paramref name="day"/> now, whatever the schedule; returns the manifest.</summary>
    public async Task<JsonObject> WriteAsync(int cohort, DateOnly day, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"graduate-verification-{cohort}-{day:yyyyMMdd}";
        var data = Path.Combine(Directory, name + ".ndjson");
        var temporary = Path.Combine(Directory, $".{name}.ndjson.tmp");
        var records = 0;
        byte[] hash;
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await foreach (var line in report.ReadAsync(cohort, cancellationToken))
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(line, Json);
                sha.AppendData(bytes);
                sha.AppendData("\n"u8);
                await file.WriteAsync(bytes, cancellationToken);
                file.WriteByte((byte)'\n');
                records++;
            }

            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
            hash = sha.GetHashAndReset();
        }

        File.Move(temporary, data, overwrite: true);
        var manifest = new JsonObject
        {
            ["feed"] = "graduate-verification",
            ["department"] = "edu",
            ["cohort"] = cohort,
            ["day"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["generatedAt"] = calendar.Now,
            ["file"] = name + ".ndjson",
            ["records"] = records,
            ["sha256"] = Convert.ToHexStringLower(hash),
        };
        var manifestTemporary = Path.Combine(Directory, $".{name}.manifest.json.tmp");
        await File.WriteAllTextAsync(manifestTemporary, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        File.Move(manifestTemporary, Path.Combine(Directory, name + ".manifest.json"), overwrite: true);
        await RecordAsync(cohort, day, name, records, cancellationToken);
        return manifest;
    }

    private async Task<bool> DoneAsync(int cohort, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM graduate_export WHERE cohort = @c AND export_day = @d)");
        command.Parameters.AddWithValue("c", cohort);
        command.Parameters.AddWithValue("d", day);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task RecordAsync(int cohort, DateOnly day, string name, int records, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO graduate_export (cohort, export_day, file, records, written_at) VALUES (@c, @d, @f, @r, @at)");
        command.Parameters.AddWithValue("c", cohort);
        command.Parameters.AddWithValue("d", day);
        command.Parameters.AddWithValue("f", name + ".ndjson");
        command.Parameters.AddWithValue("r", records);
        command.Parameters.AddWithValue("at", calendar.Now);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another instance wrote the same day's files at the same time; both wrote the same content.
        }
    }
}
