using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Storage;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake;

/// <summary>Reading a batch: its body as JSON or as NDJSON lines, its envelope checked, its records in order.</summary>
public sealed partial class IntakeService
{
    private async Task<IntakeOutcome> ReceiveJsonAsync(IntakeSubmission submission, FeedCatalog catalog, FeedDefinition feed,
        HashingStream body, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxJsonBodyBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return IntakeOutcome.Refused(RefusalKind.TooLarge, "body-too-large",
                    $"An application/json batch may be at most {limit} bytes. Send larger batches as application/x-ndjson, which is streamed.");
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException exception)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "json", $"The body is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (CheckEnvelope(catalog.Envelope, feed, root, "") is { } failure)
            {
                return failure;
            }

            var records = root.GetProperty("records");
            if (records.GetArrayLength() > options.Value.MaxRecordsPerBatch)
            {
                return IntakeOutcome.Refused(RefusalKind.TooLarge, "too-many-records",
                    $"A batch may hold at most {options.Value.MaxRecordsPerBatch} records; this one holds {records.GetArrayLength()}. Split it.");
            }

            var header = Header(submission, feed, BatchEnvelope.From(root));
            return await StoreAsync(header, feed, JsonRecords(records), body.FinishAsync, cancellationToken);
        }
    }

    private async Task<IntakeOutcome> ReceiveNdjsonAsync(IntakeSubmission submission, FeedCatalog catalog, FeedDefinition feed,
        HashingStream body, CancellationToken cancellationToken)
    {
        await using var lines = new FingerprintedLines(LineReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken));
        if (!await lines.MoveNextAsync())
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid",
                "The body is empty: the first line must be the batch envelope.");
        }

        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(StripBom(lines.Current.Bytes));
        }
        catch (JsonException exception)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid",
                $"Line {lines.Current.Number} (the envelope) is not JSON: {exception.Message}");
        }

        using (envelope)
        {
            if (CheckEnvelope(catalog.EnvelopeLine, feed, envelope.RootElement, "") is { } failure)
            {
                return failure;
            }

            var header = Header(submission, feed, BatchEnvelope.From(envelope.RootElement));
            return await StoreAsync(header, feed, NdjsonRecords(lines, cancellationToken), async ct =>
            {
                var fingerprint = await lines.FinishAsync();
                await body.FinishAsync(ct);
                return fingerprint;
            }, cancellationToken);
        }
    }

    private static IntakeOutcome? CheckEnvelope(SchemaValidator envelopeSchema, FeedDefinition feed, JsonElement envelope, string pointer)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The batch envelope must be a JSON object.");
        }

        if (envelope.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.String
            && !feed.Versions.ContainsKey(version.GetString()!))
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "schema-version",
                $"schemaVersion '{version.GetString()}' is not served for {feed.Department}/{feed.Feed}. Supported: {feed.SupportedVersions}.",
                [new FieldError(pointer + "/schemaVersion", "schema-version", $"supported versions: {feed.SupportedVersions}")]);
        }

        // Records are judged one by one; only the envelope's own fields can refuse the whole batch.
        var errors = new List<FieldError>();
        TextGuard.CheckAll(envelope, pointer, errors, skip: "records");
        if (errors.Count > 0)
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid",
                "The batch envelope holds text no field may hold; nothing was stored.", errors);
        }

        envelopeSchema.Validate(envelope, pointer, errors);
        errors.RemoveAll(e => e.Path.StartsWith(pointer + "/records/", StringComparison.Ordinal));
        if (errors.Count == 0 && envelope.GetProperty("batchId").GetString() is { } batchId && IdentityNumber.AppearsIn(batchId))
        {
            // A batchId is echoed in replies, URLs and the audit log: it must never carry personal data.
            errors.Add(new FieldError(pointer + "/batchId", "personal-data",
                "a batchId must not hold an identity number; use the extract's date and a sequence number"));
        }

        return errors.Count == 0
            ? null
            : IntakeOutcome.Refused(RefusalKind.Invalid, "envelope-invalid", "The batch envelope is not valid; nothing was stored.",
                errors);
    }

    private static BatchHeader Header(IntakeSubmission submission, FeedDefinition feed, BatchEnvelope envelope) => new(
        feed.Department, envelope.BatchId, feed.Feed, envelope.SchemaVersion, envelope.Region, envelope.ExtractedAt,
        submission.Format, submission.Channel, submission.Actor);

    private static async IAsyncEnumerable<PendingRecord> JsonRecords(JsonElement records)
    {
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            // Positions are 1-based, as NDJSON lines are; the pointer keeps the 0-based array index. The bytes are taken as
            // sent: GetRawText would throw on a record holding bytes that are not UTF-8, which must be rejected, not fail the batch.
            yield return new PendingRecord(index + 1, $"/records/{index}", JsonMarshal.GetRawUtf8Value(record).ToArray());
            index++;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<PendingRecord> NdjsonRecords(FingerprintedLines lines,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await lines.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PendingRecord(lines.Current.Number, "", lines.Current.Bytes);
        }
    }

    private static byte[] StripBom(byte[] line) =>
        line.Length >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF ? line[3..] : line;
}
